namespace Purl.Bench;

/// <summary>A named load scenario. Add one by writing a class and listing it in <see cref="Scenarios.All"/>.</summary>
public abstract class Scenario
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract Task<ScenarioResult> RunAsync(ScenarioContext context);
}

/// <summary>The measurement plus free-text figures for the notes column (ratios, memory, checks).</summary>
public sealed record ScenarioResult(Measurement Measurement, IReadOnlyList<string> Notes);

/// <summary>
/// Everything a scenario needs for one run. <see cref="ApiPid"/> is the measured API process when the target is
/// the AppHost's api and <c>.purl/pids.json</c> names it; otherwise <see cref="NoApiPidReason"/> says why not.
/// </summary>
public sealed record ScenarioContext(
    Uri BaseUrl,
    int Connections,
    int Threads,
    TimeSpan Duration,
    TimeSpan Warmup,
    string RepoRoot,
    int? ApiPid,
    string NoApiPidReason,
    CancellationToken CancellationToken)
{
    public RssSampler? SampleApiRss() => ApiPid is int pid ? new RssSampler(pid) : null;

    public string ApiRssNote(long? peakBytes, string target = "") => (ApiPid, peakBytes) switch
    {
        (_, long bytes) => $"api RSS peak {ProcessMemory.Megabytes(bytes)} under load{target}",
        (int pid, null) => $"api RSS not readable (pid {pid})",
        _ => $"api RSS skipped: {NoApiPidReason}",
    };
}
