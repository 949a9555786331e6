using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Purl.Core.Feed;
using Purl.Tests.Infrastructure;
using Purl.Tests.Messaging;
using Purl.Tests.Social;

namespace Purl.Tests.Feed;

public sealed class FanOutTests(FanOutTests.App app) : IClassFixture<FanOutTests.App>
{
    private const int BatchSize = 64;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class App(PurlStack stack) : PurlApp(stack)
    {
        protected override void Configure(IDictionary<string, string?> settings) => settings["Feed:FanOutBatchSize"] = BatchSize.ToString();
    }

    private FeedFanOut FanOut() => ActivatorUtilities.CreateInstance<FeedFanOut>(app.Services);

    [Fact]
    public async Task Every_one_of_three_hundred_followers_gets_the_post_exactly_once()
    {
        var (store, followers) = await app.CreateVendorAsync(followers: 300);
        var post = await app.PublishAsync(store);

        var written = await FanOut().DeliverAsync(post.Id, Ct);
        var again = await FanOut().DeliverAsync(post.Id, Ct);

        Assert.Equal(300, written);
        Assert.Equal(0, again);
        Assert.Equal(300, await app.ScalarAsync("SELECT count(DISTINCT user_id) FROM feed_items WHERE post_id = $1", post.Id));
        Assert.Equal(300, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE post_id = $1", post.Id));
        Assert.Equal(0, await app.ScalarAsync("""
            SELECT count(*) FROM follows f WHERE f.vendor_id = $1
            AND NOT EXISTS (SELECT 1 FROM feed_items i WHERE i.user_id = f.user_id AND i.post_id = $2)
            """, store.VendorId!.Value, post.Id));
        Assert.Equal(Math.Ceiling(300.0 / BatchSize), await app.ScalarAsync("SELECT batches FROM feed_fan_outs WHERE post_id = $1", post.Id));
        var item = (await app.FeedApi(followers[123]).GetFeedAsync(ct: Ct)).Items[0];
        Assert.Equal(post.Id, item.Id);
        Assert.Equal(Api.Client.Feed.FeedItemSource.Following, item.Source);
    }

    [Fact]
    public async Task A_fan_out_cut_short_by_a_crash_resumes_and_every_follower_ends_with_one_item()
    {
        var (store, _) = await app.CreateVendorAsync(followers: 300);
        var post = await app.PublishAsync(store);
        // What a worker that died after its first batch leaves: one batch committed with its progress, no "finished".
        await RunFirstBatchOnlyAsync(post.Id);
        Assert.Equal(BatchSize, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE post_id = $1", post.Id));

        var written = await FanOut().DeliverAsync(post.Id, Ct);

        Assert.Equal(300 - BatchSize, written);
        Assert.Equal(300, await app.ScalarAsync("SELECT count(DISTINCT user_id) FROM feed_items WHERE post_id = $1", post.Id));
        Assert.Equal(300, await app.ScalarAsync("SELECT delivered FROM feed_fan_outs WHERE post_id = $1", post.Id));
    }

    [Fact]
    public async Task Killing_the_worker_process_mid_fan_out_loses_nothing_and_doubles_nothing()
    {
        var (store, _) = await app.CreateVendorAsync(followers: 300);
        var pausing = new Dictionary<string, string> { ["Feed:FanOutBatchSize"] = BatchSize.ToString(), ["Feed:PauseAfterFanOutBatch"] = "00:05:00" };
        await using var broker = await TestBroker.ConnectAsync(app.Resources.RabbitMq, Ct);
        await using (var first = WorkerProcess.Start(app.Resources, pausing))
        {
            await broker.WaitForConsumerAsync("purl.feed-fan-out", Ct, () => first.Output.Text(40));
            var post = await app.PublishAsync(store);
            await Eventually.HoldsAsync(async () => await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE post_id = $1", post.Id) > 0,
                TimeSpan.FromSeconds(60), $"the worker writes its first batch. Its output:\n{first.Output.Text(40)}", Ct);
            await first.KillAsync();
            Assert.Equal(BatchSize, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE post_id = $1", post.Id));

            await using var second = WorkerProcess.Start(app.Resources, new Dictionary<string, string> { ["Feed:FanOutBatchSize"] = BatchSize.ToString() });
            await broker.WaitForConsumerAsync("purl.feed-fan-out", Ct, () => second.Output.Text(40));
            await Eventually.HoldsAsync(async () => await app.ScalarAsync("SELECT count(*) FROM feed_fan_outs WHERE post_id = $1 AND finished_at IS NOT NULL", post.Id) == 1,
                TimeSpan.FromSeconds(60), $"the redelivered message finishes the fan-out. Output:\n{second.Output.Text(40)}", Ct);

            Assert.Equal(300, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE post_id = $1", post.Id));
            Assert.Equal(300, await app.ScalarAsync("SELECT count(DISTINCT user_id) FROM feed_items WHERE post_id = $1", post.Id));
        }
    }

    [Fact]
    public async Task A_late_fan_out_does_not_bring_back_a_store_the_buyer_unfollowed()
    {
        var (store, followers) = await app.CreateVendorAsync(followers: 3);
        var post = await app.PublishAsync(store);
        var leaver = followers[1];

        await app.SocialApi(leaver).UnfollowAsync(store.VendorId!.Value, Ct);
        await FanOut().DeliverAsync(post.Id, Ct);

        Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE post_id = $1", post.Id));
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE user_id = $1", leaver.Id));
    }

    [Fact]
    public async Task An_unfollow_during_a_fan_out_batch_waits_for_it_and_removes_what_it_wrote()
    {
        var (store, followers) = await app.CreateVendorAsync(followers: 2);
        var post = await app.PublishAsync(store);
        var leaver = followers[0];

        // A batch in flight: it holds the store's fan-out lock and has read the follow; its insert is not committed yet.
        await using var connection = await app.DataSource.OpenConnectionAsync(Ct);
        await using var batch = await connection.BeginTransactionAsync(Ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(1179010630, hashtext($1::text))", connection, batch)
                     { Parameters = { new() { Value = store.VendorId!.Value } } })
            await take.ExecuteNonQueryAsync(Ct);
        await using (var write = new NpgsqlCommand("""
            INSERT INTO feed_items (user_id, post_id, vendor_id, score, source, created_at)
            SELECT user_id, $1, vendor_id, 1, 'following', now() FROM follows WHERE vendor_id = $2
            """, connection, batch) { Parameters = { new() { Value = post.Id }, new() { Value = store.VendorId!.Value } } })
            Assert.Equal(2, await write.ExecuteNonQueryAsync(Ct));

        var unfollow = app.SocialApi(leaver).UnfollowAsync(store.VendorId!.Value, Ct);
        await Task.Delay(300, Ct);
        Assert.False(unfollow.IsCompleted, "the unfollow waits for the batch's lock");
        await batch.CommitAsync(Ct);
        await unfollow;

        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE user_id = $1", leaver.Id));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE post_id = $1", post.Id));
    }

    [Fact]
    public async Task A_store_above_the_threshold_is_not_fanned_out()
    {
        var (store, _) = await app.CreateVendorAsync(followers: 3);
        var threshold = app.GetRequiredService<IOptions<FeedOptions>>().Value.FanOutFollowerThreshold;
        await app.ExecuteAsync("UPDATE vendors SET follower_count = $2 WHERE id = $1", store.VendorId!.Value, threshold + 1);
        var post = await app.PublishAsync(store);

        Assert.Equal(0, await FanOut().DeliverAsync(post.Id, Ct));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM posts WHERE id = $1 AND merged_at_read", post.Id));
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE post_id = $1", post.Id));
    }

    /// <summary>The real fan-out, stopped after its first committed batch.</summary>
    private async Task RunFirstBatchOnlyAsync(Guid postId)
    {
        var pausing = Options.Create(new FeedOptions { FanOutBatchSize = BatchSize, PauseAfterFanOutBatch = TimeSpan.FromMinutes(10) });
        var fanOut = ActivatorUtilities.CreateInstance<FeedFanOut>(app.Services, pausing);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = fanOut.DeliverAsync(postId, stop.Token);
        await Eventually.HoldsAsync(async () => await app.ScalarAsync("SELECT coalesce(max(batches), 0) FROM feed_fan_outs WHERE post_id = $1", postId) >= 1,
            TimeSpan.FromSeconds(30), "the first batch is committed", Ct);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
