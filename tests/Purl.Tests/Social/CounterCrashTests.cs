using Purl.Core.Analytics;
using Purl.Core.Counters;
using Purl.Tests.Infrastructure;
using Purl.Tests.Messaging;

namespace Purl.Tests.Social;

/// <summary>The counter-aggregation worker SIGKILLed mid-flush, as a real process.</summary>
public sealed class CounterCrashTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Windows => ["Counters:PauseBeforeCommit", "Counters:PauseAfterCommit"];

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task Killing_the_aggregator_mid_flush_loses_no_increment_and_counts_none_twice(string window)
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 20);
        var post = await app.PublishAsync(store);
        foreach (var fan in fans) await app.SocialApi(fan).LikeAsync(post.Id, Ct);
        for (var i = 0; i < 50; i++) await app.SocialApi(fans[i % fans.Count]).ViewAsync(post.Id, Ct);
        for (var i = 0; i < 5; i++) await app.SocialApi(fans[i]).ShareAsync(post.Id, Ct);

        await using (var first = WorkerProcess.Start(app.Resources, new Dictionary<string, string>
                     {
                         [window] = "00:05:00",
                         ["Counters:FlushInterval"] = "00:00:00.200",
                     }))
        {
            await Eventually.HoldsAsync(() => InFlushAsync(window), TimeSpan.FromSeconds(60),
                $"the worker is inside its flush ({window}). Its output:\n{first.Output.Text(40)}", Ct);
            await first.KillAsync();
        }
        // More increments while no aggregator runs.
        for (var i = 0; i < 10; i++) await app.SocialApi(fans[i]).ViewAsync(post.Id, Ct);

        await using var second = WorkerProcess.Start(app.Resources, new Dictionary<string, string> { ["Counters:FlushInterval"] = "00:00:00.200" });
        await Eventually.HoldsAsync(async () => await app.ScalarAsync("SELECT view_count FROM posts WHERE id = $1", post.Id) >= 60
                                                && await PendingAsync(post.Id) == 0,
            TimeSpan.FromSeconds(60), $"the restarted worker folds everything in. Its output:\n{second.Output.Text(40)}", Ct);
        // A few more flush rounds: nothing may be applied a second time.
        await Task.Delay(1000, Ct);

        Assert.Equal(60, await app.ScalarAsync("SELECT view_count FROM posts WHERE id = $1", post.Id));
        Assert.Equal(5, await app.ScalarAsync("SELECT share_count FROM posts WHERE id = $1", post.Id));
        Assert.Equal(20, await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post.Id));
        Assert.Equal(0, await PendingAsync(post.Id));
        var today = NairobiTime.Day(DateTimeOffset.UtcNow);
        Assert.Equal(60, await app.ScalarAsync("SELECT views FROM vendor_daily_stats WHERE vendor_id = $1 AND day = $2", store.VendorId!.Value, today));
        Assert.Equal(20, await app.ScalarAsync("SELECT likes FROM vendor_daily_stats WHERE vendor_id = $1 AND day = $2", store.VendorId!.Value, today));
        var seen = await app.SocialApi(fans[0]).GetPostAsync(post.Id, Ct);
        Assert.Equal((20L, 60L, 5L), (seen.LikeCount, seen.ViewCount, seen.ShareCount));
    }

    /// <summary>Before the commit: the worker holds the flush lock. After it: the batch is recorded in counter_flushes.</summary>
    private async Task<bool> InFlushAsync(string window) => window.EndsWith("BeforeCommit")
        ? await app.ScalarAsync("""
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND classid = 1129270867 AND objid = 1 AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """) == 1
        : await app.ScalarAsync("SELECT count(*) FROM counter_flushes") > 0;

    private async Task<long> PendingAsync(Guid postId) =>
        (await app.PendingInRedisAsync(CounterKey.PostLikes(postId), CounterKey.PostViews(postId), CounterKey.PostShares(postId))).Sum(Math.Abs);
}
