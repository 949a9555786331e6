using System.Diagnostics;
using Purl.Api.Client;
using Purl.Api.Client.Social;

namespace Purl.Bench;

/// <summary>
/// One post from the store with 200,000 followers, published through the API: the time until every follower's feed
/// has it (outbox, RabbitMQ, the FeedFanOut worker's batches). The row's req/s is feed items written per second and
/// p50/p95/p99 are the times until half, 95 % and 99 % of the followers had it. Needs the bench data set and a
/// fan-out threshold above 200K (see bench/README.md).
/// </summary>
public sealed class FanOutScenario : Scenario
{
    public const int Followers = 200_000;
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(3);

    public override string Name => "fanout";

    public override string Description => "one post from a store with 200K followers: time until every follower's feed has it";

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var ct = context.CancellationToken;
        await using var db = StackDatabase.Open(context.RepoRoot);
        var store = await BenchData.BiggestStoreAsync(db, ct);
        if (store.Followers < Followers)
            throw new BenchException($"fanout needs a store with {Followers:N0} followers (the biggest has {store.Followers:N0}): {BenchData.HowToSeed}");

        var logins = new BenchTokens(context.RepoRoot, db.DataSource);
        using var http = new HttpClient { BaseAddress = context.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var vendor = PurlApiClient.For<IVendorSocialApi>(http.WithBearer(await logins.TokenAsync(store.OwnerEmail, ct)));

        var clock = Stopwatch.StartNew();
        var post = await vendor.PublishPostAsync(new PostRequest($"Bench fan-out {DateTimeOffset.UtcNow:O}", ["/media/bench.jpg"]), ct);
        var published = clock.Elapsed;
        if (await db.ScalarAsync<bool>("SELECT merged_at_read FROM posts WHERE id = $1", ct, post.Id))
            throw new BenchException($"the post was not fanned out: the stack's Feed:FanOutFollowerThreshold is below {store.Followers:N0}. {BenchData.HowToSeed}");

        TimeSpan? first = null, half = null, p95 = null, p99 = null, all = null;
        long delivered = 0;
        while (all is null)
        {
            if (clock.Elapsed > GiveUp)
                break;
            delivered = await db.ScalarAsync<long?>("SELECT delivered FROM feed_fan_outs WHERE post_id = $1", ct, post.Id) ?? 0;
            var at = clock.Elapsed;
            if (delivered > 0) first ??= at;
            if (delivered >= store.Followers * 0.50) half ??= at;
            if (delivered >= store.Followers * 0.95) p95 ??= at;
            if (delivered >= store.Followers * 0.99) p99 ??= at;
            if (delivered >= store.Followers) all = at;
            else await Task.Delay(25, ct);
        }

        // The truth, once: every follower has exactly one item (the primary key forbids two; none may be missing).
        var items = await db.ScalarAsync<long>("SELECT count(*) FROM feed_items WHERE post_id = $1", ct, post.Id);
        var missing = await db.ScalarAsync<long>("""
            SELECT count(*) FROM follows f WHERE f.vendor_id = $1
            AND NOT EXISTS (SELECT 1 FROM feed_items i WHERE i.user_id = f.user_id AND i.post_id = $2)
            """, ct, store.Id, post.Id);
        var batchCount = await db.ScalarAsync<int>("SELECT batches FROM feed_fan_outs WHERE post_id = $1", ct, post.Id);

        var total = all ?? clock.Elapsed;
        var measurement = new Measurement(items, items / total.TotalSeconds,
            Ms(half), Ms(p95), Ms(p99), missing, missing == 0 ? "" : $"errors: {missing} followers without the post after {total.TotalSeconds:F0} s");
        return new ScenarioResult(measurement,
        [
            all is { } done
                ? $"all {store.Followers:N0} followers' feeds in {done.TotalSeconds:F2} s ({(done < Target ? "meets" : "MISSES")} target < {Target.TotalSeconds:F0} s)"
                : $"gave up after {GiveUp.TotalMinutes:F0} min with {delivered:N0} of {store.Followers:N0} delivered (MISSES target < {Target.TotalSeconds:F0} s)",
            $"publish answered in {published.TotalMilliseconds:F0} ms, first items after {Ms(first):F0} ms; {batchCount} batches",
            $"feed items for the post {items:N0}, followers without it {missing} (exactly one each)",
            "p50/p95/p99 = ms until 50/95/99 % of followers had it",
        ]);
    }

    private static double Ms(TimeSpan? at) => at?.TotalMilliseconds ?? double.NaN;
}
