using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Purl.Api.Client;
using Purl.Api.Client.Social;
using Purl.Bench.Flow;

namespace Purl.Bench;

/// <summary>
/// 10,000 distinct buyers like one new post once each, as fast as 64 workers go, through the API: likes/s and the exact
/// final count (through the API at once, and in Postgres after the counter aggregator's flush). In the same run, a
/// direct <c>UPDATE posts SET like_count = like_count + 1</c> on one row, 10,000 times from as many connections: the
/// hot-row write that the counters avoid, and the ratio.
/// </summary>
public sealed class LikesScenario : Scenario
{
    public const int Buyers = 10_000;
    public const double Target = 5_000;
    private const int WarmupLikes = 2_000;

    public override string Name => "likes";

    public override string Description => "10,000 distinct buyers liking one post: likes/s, the exact count, and a direct UPDATE for comparison";

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var ct = context.CancellationToken;
        await using var db = StackDatabase.Open(context.RepoRoot, maxPoolSize: context.Connections + 4);
        var emails = await BenchData.BuyerEmailsAsync(db, Buyers, withFeed: false, ct);
        if (emails.Count < Buyers)
            throw new BenchException($"likes needs {Buyers:N0} buyers (the stack has {emails.Count:N0}): {BenchData.HowToSeed}");
        var logins = new BenchTokens(context.RepoRoot, db.DataSource);
        var tokens = await logins.TokensAsync(emails, ct);
        using var http = FlowRunner.CreateClient(context.BaseUrl, context.Connections);
        var vendor = PurlApiClient.For<IVendorSocialApi>(new HttpClient { BaseAddress = context.BaseUrl }.WithBearer(await logins.TokenAsync(BenchData.DemoVendorEmail, ct)));

        if (context.Warmup > TimeSpan.Zero)
        {
            var warm = await vendor.PublishPostAsync(new PostRequest("Bench likes warm-up", ["/media/bench.jpg"]), ct);
            await FlowRunner.RunCountAsync(http, context.Connections, WarmupLikes, (client, i, token) => LikeAsync(client, warm.Id, tokens[i], token), ct);
        }

        var post = await vendor.PublishPostAsync(new PostRequest($"Bench likes {DateTimeOffset.UtcNow:O}", ["/media/bench.jpg"]), ct);
        Measurement measurement;
        long? peakRss;
        await using (var sampler = context.SampleApiRss())
        {
            measurement = await FlowRunner.RunCountAsync(http, context.Connections, Buyers, (client, i, token) => LikeAsync(client, post.Id, tokens[i], token), ct);
            peakRss = sampler?.PeakBytes;
        }

        var shown = await PostAsync(http, post.Id, tokens[0], ct);
        var rows = await db.ScalarAsync<long>("SELECT count(*) FROM post_likes WHERE post_id = $1", ct, post.Id);
        var clock = Stopwatch.StartNew();
        long stored;
        while ((stored = await db.ScalarAsync<long>("SELECT like_count FROM posts WHERE id = $1", ct, post.Id)) != Buyers && clock.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(100, ct);
        var folded = clock.Elapsed;

        var direct = await DirectUpdatesAsync(db, vendor, context.Connections, ct);
        var ratio = measurement.RequestsPerSecond / direct.PerSecond;
        var exact = shown.LikeCount == Buyers && rows == Buyers && stored == Buyers;
        return new ScenarioResult(measurement with { Errors = measurement.Errors + (exact ? 0 : 1) },
        [
            $"{measurement.RequestsPerSecond:F0} likes/s through the API ({(measurement.RequestsPerSecond >= Target ? "meets" : "MISSES")} target ≥ {Target:N0}/s)",
            $"final count {(exact ? "exact" : "WRONG")}: likeCount {shown.LikeCount} through the API right after, post_likes {rows}, "
                + $"posts.like_count {stored} after the aggregator's flush ({folded.TotalSeconds:F1} s later)",
            $"direct UPDATE like_count + 1 on one row, {Buyers:N0}× from {context.Connections} connections: {direct.PerSecond:F0}/s, p99 {direct.P99Ms:F1} ms; "
                + $"API likes/direct UPDATE {ratio:F2}",
            context.ApiRssNote(peakRss),
        ]);
    }

    private static async Task<bool> LikeAsync(HttpClient http, Guid postId, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SocialRoutes.Like.Replace("{postId}", postId.ToString()));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode;
    }

    private static async Task<PostResponse> PostAsync(HttpClient http, Guid postId, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, SocialRoutes.Post.Replace("{postId}", postId.ToString()));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PostResponse>(PurlApiClient.JsonOptions, ct))!;
    }

    /// <summary>The same number of increments as single-row UPDATEs (autocommit, as a naive like endpoint would), on a scratch post.</summary>
    private static async Task<(double PerSecond, double P99Ms)> DirectUpdatesAsync(StackDatabase db, IVendorSocialApi vendor, int connections, CancellationToken ct)
    {
        var scratch = await vendor.PublishPostAsync(new PostRequest("Bench direct UPDATE", ["/media/bench.jpg"]), ct);
        try
        {
            var latencies = new LatencyRecorder[connections];
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
            {
                var recorder = latencies[w] = new LatencyRecorder();
                await using var connection = await db.DataSource.OpenConnectionAsync(ct);
                await using var update = new Npgsql.NpgsqlCommand("UPDATE posts SET like_count = like_count + 1 WHERE id = $1", connection)
                {
                    Parameters = { new() { Value = scratch.Id } },
                };
                await update.PrepareAsync(ct);
                while (Interlocked.Increment(ref next) < Buyers)
                {
                    var begun = Stopwatch.GetTimestamp();
                    await update.ExecuteNonQueryAsync(ct);
                    recorder.Record(Stopwatch.GetElapsedTime(begun));
                }
            }, ct)));
            var elapsed = clock.Elapsed;
            var all = new LatencyRecorder();
            foreach (var recorder in latencies) all.Add(recorder);
            var total = await db.ScalarAsync<long>("SELECT like_count FROM posts WHERE id = $1", ct, scratch.Id);
            if (total != Buyers) throw new BenchException($"the direct UPDATEs left like_count at {total}, not {Buyers}");
            return (Buyers / elapsed.TotalSeconds, all.PercentileMicroseconds(99) / 1000.0);
        }
        finally
        {
            await db.ExecuteAsync("DELETE FROM posts WHERE id = $1", CancellationToken.None, scratch.Id);
        }
    }
}
