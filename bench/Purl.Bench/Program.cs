using System.Globalization;
using System.Runtime.InteropServices;
using Purl.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

try
{
    var options = BenchOptions.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }
    if (options.List)
    {
        foreach (var s in Scenarios.All)
            Console.WriteLine($"{s.Name,-16}{s.Description}");
        return 0;
    }

    var scenario = Scenarios.Find(options.Scenario!)
        ?? throw new UsageException($"unknown scenario '{options.Scenario}' (see --list)");
    // Ctrl+C or a kill stops the run cleanly: wrk and the baseline are ours to stop, and no row is written.
    using var cancel = new CancellationTokenSource();
    var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
        .Select(signal => PosixSignalRegistration.Create(signal, context => { context.Cancel = true; cancel.Cancel(); }))
        .ToList();
    await BenchRun.RunAsync(scenario, options, cancel.Token);
    signals.ForEach(s => s.Dispose());
    return 0;
}
catch (UsageException e)
{
    Console.Error.WriteLine($"purl-bench: {e.Message}");
    return 2;
}
catch (BenchException e)
{
    Console.Error.WriteLine($"purl-bench: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("purl-bench: cancelled, no row written");
    return 130;
}
