using Purl.Api.Client;
using Purl.Core.Counters;
using Purl.Tests.Infrastructure;
using Purl.Tests.Messaging;
using StackExchange.Redis;

namespace Purl.Tests.Social;

/// <summary>
/// Redis SIGKILLed (and restarted) in the middle of a flush. Redis runs with appendfsync everysec: DESIGN allows a crash
/// to lose the last second of pure counters (views, shares), never to count anything twice, and likes stay exact
/// because they are rows the counts are recounted from.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class CounterRedisOutageTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Dictionary<string, string> FastFlush = new() { ["Counters:FlushInterval"] = "00:00:00.200" };

    [Fact]
    public async Task Killing_redis_mid_flush_keeps_likes_exact_loses_no_synced_view_and_counts_none_twice()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 30);
        var post = await app.PublishAsync(store);
        for (var i = 0; i < 20; i++) await app.SocialApi(fans[i]).LikeAsync(post.Id, Ct);
        for (var i = 0; i < 40; i++) await app.SocialApi(fans[i % 20]).ViewAsync(post.Id, Ct);
        // Past the append-only file's one-second fsync: these must survive the crash.
        await Task.Delay(2500, Ct);

        await using var worker = WorkerProcess.Start(app.Resources, new Dictionary<string, string>(FastFlush) { ["Counters:PauseAfterCommit"] = "00:00:04" });
        await Eventually.HoldsAsync(async () => await app.ScalarAsync("SELECT count(*) FROM counter_flushes") > 0,
            TimeSpan.FromSeconds(60), $"the worker commits a flush. Its output:\n{worker.Output.Text(40)}", Ct);
        // Inside the fsync window: Redis may lose these increments; the likes are rows all the same.
        for (var i = 20; i < 30; i++) await app.SocialApi(fans[i]).LikeAsync(post.Id, Ct);
        for (var i = 0; i < 7; i++) await app.SocialApi(fans[i]).ViewAsync(post.Id, Ct);
        await app.Stack.Redis.KillAsync();
        await app.Stack.Redis.StartAsync(Ct);
        await WaitForRedisAsync();

        for (var i = 0; i < 5; i++) await app.SocialApi(fans[i]).ViewAsync(post.Id, Ct);
        await Eventually.HoldsAsync(async () => await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post.Id) == 30
                                                && await app.ScalarAsync("SELECT view_count FROM posts WHERE id = $1", post.Id) >= 45
                                                && await PendingAsync(post.Id) == 0,
            TimeSpan.FromSeconds(60), $"the worker folds everything in after Redis is back. Its output:\n{worker.Output.Text(40)}", Ct);
        await Task.Delay(1000, Ct);

        Assert.Equal(30, await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post.Id));
        Assert.Equal(30, await app.ScalarAsync("SELECT count(*) FROM post_likes WHERE post_id = $1", post.Id));
        // 40 synced + up to 7 in the crash window + 5 after: never more than was sent, never less than was synced.
        Assert.InRange(await app.ScalarAsync("SELECT view_count FROM posts WHERE id = $1", post.Id), 45, 52);
        var seen = await app.SocialApi(fans[0]).GetPostAsync(post.Id, Ct);
        Assert.Equal(30, seen.LikeCount);
    }

    [Fact]
    public async Task Restarting_redis_cleanly_loses_no_increment()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 10);
        var post = await app.PublishAsync(store);
        foreach (var fan in fans) await app.SocialApi(fan).LikeAsync(post.Id, Ct);
        for (var i = 0; i < 25; i++) await app.SocialApi(fans[i % 10]).ViewAsync(post.Id, Ct);

        await app.Stack.Redis.StopAsync();
        await app.Stack.Redis.StartAsync(Ct);
        await WaitForRedisAsync();
        await using var worker = WorkerProcess.Start(app.Resources, FastFlush);

        await Eventually.HoldsAsync(async () => await app.ScalarAsync("SELECT view_count FROM posts WHERE id = $1", post.Id) >= 25 && await PendingAsync(post.Id) == 0,
            TimeSpan.FromSeconds(60), $"the worker folds everything in. Its output:\n{worker.Output.Text(40)}", Ct);
        Assert.Equal(25, await app.ScalarAsync("SELECT view_count FROM posts WHERE id = $1", post.Id));
        Assert.Equal(10, await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post.Id));
    }

    [Fact]
    public async Task With_redis_down_likes_and_follows_still_count_reads_fall_back_and_views_answer_503()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 2);
        var post = await app.PublishAsync(store);
        var firstLike = await app.SocialApi(fans[0]).LikeAsync(post.Id, Ct);
        var buyer = await app.CreateBuyerAsync();
        await app.Stack.Redis.StopAsync();
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(!app.GetRequiredService<IConnectionMultiplexer>().IsConnected),
                TimeSpan.FromSeconds(30), "the API notices Redis is gone", Ct);

            var like = await app.SocialApi(fans[1]).LikeAsync(post.Id, Ct);
            var follow = await app.SocialApi(buyer).FollowAsync(store.VendorId!.Value, Ct);
            var seen = await app.SocialApi(buyer).GetPostAsync(post.Id, Ct);
            var stories = await app.FeedApi(buyer).GetStoriesAsync(Ct);
            using var view = await app.CreateClient().WithBearer(buyer.Token)
                .PostAsync(Api.Client.Social.SocialRoutes.Views.Replace("{postId}", post.Id.ToString()), null, Ct);

            Assert.Equal(new Api.Client.Social.LikeResponse(true, 2), like);
            Assert.Equal(3, follow.FollowerCount);
            Assert.Equal(2, seen.LikeCount);
            Assert.Empty(stories.Items);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, view.StatusCode);
            Assert.NotNull(view.Headers.RetryAfter);
        }
        finally
        {
            await app.Stack.Redis.StartAsync(Ct);
            await WaitForRedisAsync();
        }
        Assert.True(firstLike.Liked);
    }

    private async Task WaitForRedisAsync() =>
        await Eventually.HoldsAsync(() => Task.FromResult(app.GetRequiredService<IConnectionMultiplexer>().IsConnected),
            TimeSpan.FromSeconds(30), "the API reconnects to Redis", Ct);

    private async Task<long> PendingAsync(Guid postId) =>
        (await app.PendingInRedisAsync(CounterKey.PostLikes(postId), CounterKey.PostViews(postId))).Sum(Math.Abs);
}
