using Purl.Bench.Results;

namespace Purl.Bench;

/// <summary>One run: resolve the target, run the scenario, print the figures, append the row.</summary>
public static class BenchRun
{
    public static async Task RunAsync(Scenario scenario, BenchOptions options, CancellationToken ct)
    {
        var repoRoot = Stack.FindRepoRoot();
        var stack = Stack.Read(repoRoot);
        var baseUrl = options.Url ?? stack.ApiUrl
            ?? throw new UsageException("no --url and no .purl/urls.json: start the AppHost or pass --url http://127.0.0.1:PORT");
        if (!Loopback.Is(baseUrl))
            throw new BenchException($"refusing to load {baseUrl}: only loopback targets (127.0.0.0/8, ::1, localhost)");

        var isStackApi = stack.ApiUrl is { } api && Uri.Compare(api, baseUrl, UriComponents.SchemeAndServer,
            UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        var (apiPid, noPidReason) = ApiProcess(stack, isStackApi);
        var context = new ScenarioContext(baseUrl, options.Connections, options.Threads, options.Duration,
            options.Warmup, repoRoot, apiPid, noPidReason, ct);

        Console.WriteLine($"{scenario.Name} against {baseUrl}: {options.Connections} connections, {options.Duration.TotalSeconds:F0}s "
            + $"(+{options.Warmup.TotalSeconds:F0}s warm-up), {options.Threads} wrk threads");
        var load = RunEnvironment.LoadAverage();
        if (load >= 1)
            Console.WriteLine($"  warning: load average {load:0.00} before the run; other work on this machine skews the figures");
        var idle = isStackApi ? IdleStackNote(stack) : null;
        var result = await scenario.RunAsync(context);

        var m = result.Measurement;
        List<string> notes = [.. result.Notes];
        if (idle is not null)
            notes.Add(idle);
        if (load is not null)
            notes.Add($"load average {load:0.00} before the run");
        if (m.Errors > 0)
            notes.Insert(0, m.ErrorDetail);

        Console.WriteLine($"  requests/s  {m.RequestsPerSecond:F0}  ({m.Requests} requests)");
        Console.WriteLine($"  latency     p50 {m.P50Ms:0.00} ms   p95 {m.P95Ms:0.00} ms   p99 {m.P99Ms:0.00} ms");
        Console.WriteLine($"  errors      {m.Errors}");
        foreach (var note in notes)
            Console.WriteLine($"  note        {note}");

        var path = ResultsTable.PathIn(repoRoot);
        ResultsTable.Append(path, new ResultRow(DateTime.UtcNow, RunEnvironment.Commit(repoRoot), scenario.Name,
            options.Connections, options.Duration, m, RunEnvironment.Machine(), notes));
        Console.WriteLine($"row appended to {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
    }

    private static (int? Pid, string Reason) ApiProcess(Stack stack, bool isStackApi)
    {
        if (!isStackApi)
            return (null, "the target is not the AppHost's api in .purl/urls.json");
        if (stack.Pids.Count == 0)
            return (null, "no .purl/pids.json");
        if (!stack.Pids.TryGetValue("api", out var pid))
            return (null, ".purl/pids.json names no api");
        return ProcessMemory.Rss(pid) is null ? (null, $"api pid {pid} from .purl/pids.json is not running") : (pid, "");
    }

    /// <summary>The stack's memory before this run's load: every process the AppHost lists, except itself.</summary>
    private static string? IdleStackNote(Stack stack)
    {
        var rss = stack.Pids.Where(p => p.Key != Stack.AppHostKey)
            .Select(p => ProcessMemory.Rss(p.Value)).OfType<long>().ToList();
        return rss.Count == 0 ? null : $"stack RSS before load {ProcessMemory.Megabytes(rss.Sum())} in {rss.Count} process{(rss.Count == 1 ? "" : "es")}";
    }
}
