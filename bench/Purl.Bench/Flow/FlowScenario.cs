namespace Purl.Bench.Flow;

/// <summary>
/// A scenario that is a sequence of calls (flash sale, likes, …) rather than one URL: run with
/// <see cref="FlowRunner"/>, one worker per --connections. Req/s there is completed steps per second.
/// </summary>
public abstract class FlowScenario : Scenario
{
    /// <summary>False for flows whose steps use something up (stock, one-per-buyer likes): no warm-up run.</summary>
    protected virtual bool WarmsUp => true;

    /// <summary>Runs once before any load: seed data, log buyers in. Keep what the step needs in fields.</summary>
    protected virtual Task SetupAsync(HttpClient http, ScenarioContext context) => Task.CompletedTask;

    /// <summary>One user action; true when it had the outcome the flow expects.</summary>
    protected abstract Task<bool> StepAsync(HttpClient http, int worker, CancellationToken ct);

    /// <summary>Runs once after the load: checks and figures for the notes (e.g. "500 reservations, not 501").</summary>
    protected virtual Task<IReadOnlyList<string>> AfterAsync(HttpClient http, ScenarioContext context) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var ct = context.CancellationToken;
        using var http = FlowRunner.CreateClient(context.BaseUrl, context.Connections);
        await SetupAsync(http, context);
        if (WarmsUp && context.Warmup > TimeSpan.Zero)
            await FlowRunner.RunAsync(http, context.Connections, context.Warmup, StepAsync, ct);

        Measurement measurement;
        long? peakRss;
        await using (var sampler = context.SampleApiRss())
        {
            measurement = await FlowRunner.RunAsync(http, context.Connections, context.Duration, StepAsync, ct);
            peakRss = sampler?.PeakBytes;
        }

        var notes = new List<string>(await AfterAsync(http, context));
        notes.Add(context.ApiRssNote(peakRss));
        return new ScenarioResult(measurement, notes);
    }
}
