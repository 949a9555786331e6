namespace Purl.Bench;

/// <summary>
/// GET /alive: the ceiling of our HTTP stack. In the same run, bare Kestrel (Purl.Bench.Baseline) is started,
/// measured with the same wrk settings and stopped, and the ratio goes in the notes (target ≥ 70 %).
/// </summary>
public sealed class AliveScenario : WrkScenario
{
    public const double TargetRatio = 0.70;
    public const long TargetApiRssBytes = 400_000_000;
    private static readonly TimeSpan MinBaselineWarmup = TimeSpan.FromSeconds(3);

    public override string Name => "alive";

    public override string Description =>
        "GET /alive on the API (the ceiling of our HTTP stack), and bare Kestrel measured the same way as baseline";

    protected override string Path => "/alive";

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var (ours, apiRss) = await MeasureAsync(new Uri(context.BaseUrl, Path), context, context.SampleApiRss);

        Measurement baseline;
        long? baselineRss;
        // The baseline process is fresh: give its JIT at least the default warm-up even when --warmup is shorter.
        var warm = context with { Warmup = context.Warmup < MinBaselineWarmup ? MinBaselineWarmup : context.Warmup };
        await using (var server = await BaselineServer.StartAsync(context.RepoRoot, context.CancellationToken))
            (baseline, baselineRss) = await MeasureAsync(new Uri(server.Url, Path), warm, () => new RssSampler(server.Pid));

        var ratio = ours.RequestsPerSecond / baseline.RequestsPerSecond;
        var rssTarget = apiRss is long rss ? $" ({(rss < TargetApiRssBytes ? "meets" : "MISSES")} target < 400 MB)" : "";
        return new ScenarioResult(ours,
        [
            $"ours/bare Kestrel {ratio * 100:F0}% ({(ratio >= TargetRatio ? "meets" : "MISSES")} target ≥ 70%)",
            $"bare Kestrel {baseline.Summary}" + (baselineRss is long b ? $", RSS peak {ProcessMemory.Megabytes(b)}" : "")
                + (baseline.Errors > 0 ? $", {baseline.ErrorDetail}" : ""),
            context.ApiRssNote(apiRss, rssTarget),
        ]);
    }
}
