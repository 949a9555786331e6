using Purl.Bench.Wrk;

namespace Purl.Bench;

/// <summary>A scenario that is one GET hammered by wrk: warm-up, then the measured run with the API's RSS sampled.</summary>
public abstract class WrkScenario : Scenario
{
    protected abstract string Path { get; }

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var (measurement, peakRss) = await MeasureAsync(new Uri(context.BaseUrl, Path), context, context.SampleApiRss);
        return new ScenarioResult(measurement, [context.ApiRssNote(peakRss)]);
    }

    /// <param name="forwarded">Each request from its own client address (X-Forwarded-For), for rate-limited routes.</param>
    protected static async Task<(Measurement Measurement, long? PeakRss)> MeasureAsync(
        Uri url, ScenarioContext context, Func<RssSampler?> sample, bool forwarded = false)
    {
        var ct = context.CancellationToken;
        await Preflight.RequireSuccessAsync(url, ct);
        if (context.Warmup > TimeSpan.Zero)
            await WrkRunner.RunAsync(url, context.Threads, context.Connections, context.Warmup, ct, forwarded);

        await using var sampler = sample();
        var measurement = await WrkRunner.RunAsync(url, context.Threads, context.Connections, context.Duration, ct, forwarded);
        return (measurement, sampler?.PeakBytes);
    }
}
