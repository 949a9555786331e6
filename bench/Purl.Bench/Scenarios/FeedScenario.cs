using System.Diagnostics;
using Purl.Bench.Flow;
using Purl.Bench.Wrk;
using Purl.Core.Feed;

namespace Purl.Bench;

/// <summary>
/// <c>GET /feed</c> for 1,000 distinct buyers (each request the next buyer's token) at --connections, with wrk. In the same
/// run, straight against Postgres at the same concurrency: the page query the API runs (fan-out on write: the buyer's
/// feed items, with the big stores' posts merged in) and the fan-in-on-read alternative (followed stores' posts joined at
/// read time), with their ratio.
/// </summary>
public sealed class FeedScenario : Scenario
{
    public const int Buyers = 1_000;
    public const double TargetRps = 2_000;
    public const double TargetP99Ms = 50;
    private static readonly TimeSpan SqlDuration = TimeSpan.FromSeconds(5);

    // The alternative: no feed items, each read joins the stores the buyer follows to their posts.
    private const string FanInPage = """
        SELECT p.id AS post_id, p.feed_score AS sort_key
        FROM follows AS f JOIN posts AS p ON p.vendor_id = f.vendor_id
        WHERE f.user_id = @me AND p.is_active AND (p.expires_at IS NULL OR p.expires_at > @now)
          AND (p.feed_score, p.id) < (@score, @post)
        ORDER BY p.feed_score DESC, p.id DESC
        LIMIT @take
        """;

    public override string Name => "feed";

    public override string Description => "GET /feed for 1,000 distinct buyers, and the feed query next to fan-in on read in SQL";

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var ct = context.CancellationToken;
        await using var db = StackDatabase.Open(context.RepoRoot, maxPoolSize: context.Connections + 4);
        var emails = await BenchData.BuyerEmailsAsync(db, Buyers, withFeed: true, ct);
        if (emails.Count < Buyers)
            throw new BenchException($"feed needs {Buyers:N0} buyers with feed items (the stack has {emails.Count:N0}): {BenchData.HowToSeed}");
        var tokens = await new BenchTokens(context.RepoRoot, db.DataSource).TokensAsync(emails, ct);
        var tokenFile = Path.Combine(Path.GetTempPath(), $"purl-bench-{Environment.ProcessId}-tokens.txt");
        await File.WriteAllLinesAsync(tokenFile, tokens, ct);
        var userIds = await db.ColumnAsync<Guid>("SELECT id FROM users WHERE email = ANY($1) ORDER BY email", ct, (object)emails.ToArray());

        var url = new Uri(context.BaseUrl, "/feed");
        Measurement api;
        long? peakRss;
        try
        {
            if (context.Warmup > TimeSpan.Zero)
                await WrkRunner.RunFileAsync(url, context.Threads, context.Connections, context.Warmup, "tokens.lua", [tokenFile], ct);
            await using var sampler = context.SampleApiRss();
            api = await WrkRunner.RunFileAsync(url, context.Threads, context.Connections, context.Duration, "tokens.lua", [tokenFile], ct);
            peakRss = sampler?.PeakBytes;
        }
        finally
        {
            File.Delete(tokenFile);
        }

        var fanOut = await QueriesPerSecondAsync(db, HomeFeed.FollowingPage, userIds, context.Connections, ct);
        var fanIn = await QueriesPerSecondAsync(db, FanInPage, userIds, context.Connections, ct);
        var meets = api.RequestsPerSecond >= TargetRps && api.P99Ms < TargetP99Ms;
        return new ScenarioResult(api,
        [
            $"{(meets ? "meets" : "MISSES")} target ≥ {TargetRps:N0} req/s with p99 < {TargetP99Ms:F0} ms",
            $"in SQL at {context.Connections} connections, {Buyers:N0} buyers: the API's page query (fan-out on write) {fanOut.PerSecond:F0} q/s, p99 {fanOut.P99Ms:F1} ms; "
                + $"fan-in on read (follows ⨝ posts) {fanIn.PerSecond:F0} q/s, p99 {fanIn.P99Ms:F1} ms; fan-out/fan-in {fanOut.PerSecond / fanIn.PerSecond:F2}",
            context.ApiRssNote(peakRss),
        ]);
    }

    /// <summary>The page query alone (no hydration), for every buyer in turn, from as many connections, for a few seconds.</summary>
    private static async Task<(double PerSecond, double P99Ms)> QueriesPerSecondAsync(
        StackDatabase db, string sql, IReadOnlyList<Guid> users, int connections, CancellationToken ct)
    {
        var recorders = new LatencyRecorder[connections];
        var next = 0L;
        var deadline = Stopwatch.GetTimestamp() + (long)(SqlDuration.TotalSeconds * Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var recorder = recorders[w] = new LatencyRecorder();
            await using var connection = await db.DataSource.OpenConnectionAsync(ct);
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            var me = command.Parameters.AddWithValue("me", Guid.Empty);
            command.Parameters.AddWithValue("score", double.PositiveInfinity);
            command.Parameters.AddWithValue("post", Guid.AllBitsSet);
            command.Parameters.AddWithValue("now", DateTimeOffset.UtcNow);
            command.Parameters.AddWithValue("take", 21);
            await command.PrepareAsync(ct);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                me.Value = users[(int)(Interlocked.Increment(ref next) % users.Count)];
                var begun = Stopwatch.GetTimestamp();
                await using (var reader = await command.ExecuteReaderAsync(ct))
                    while (await reader.ReadAsync(ct)) { }
                recorder.Record(Stopwatch.GetElapsedTime(begun));
            }
        }, ct)));
        var all = new LatencyRecorder();
        foreach (var recorder in recorders) all.Add(recorder);
        return (all.Count / clock.Elapsed.TotalSeconds, all.PercentileMicroseconds(99) / 1000.0);
    }
}
