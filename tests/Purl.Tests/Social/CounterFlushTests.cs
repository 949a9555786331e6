using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Purl.Api.Client.Social;
using Purl.Core.Analytics;
using Purl.Core.Counters;
using Purl.Tests.Infrastructure;
using Purl.Tests.Messaging;
using StackExchange.Redis;

namespace Purl.Tests.Social;

/// <summary>The aggregator's flush, run in-process (the crash tests run the real worker process).</summary>
public sealed class CounterFlushTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CounterFlusher Flusher() => ActivatorUtilities.CreateInstance<CounterFlusher>(app.Services, ActivatorUtilities.CreateInstance<CounterLog>(app.Services));

    private CounterFlusher PausingFlusher(CountersOptions pauses) => ActivatorUtilities.CreateInstance<CounterFlusher>(app.Services,
        ActivatorUtilities.CreateInstance<CounterLog>(app.Services), Options.Create(pauses));

    [Fact]
    public async Task A_flush_moves_pending_counts_into_postgres_and_reads_show_the_same_before_and_after()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 3);
        var post = await app.PublishAsync(store);
        foreach (var fan in fans) await app.SocialApi(fan).LikeAsync(post.Id, Ct);
        for (var i = 0; i < 7; i++) await app.SocialApi(fans[0]).ViewAsync(post.Id, Ct);
        await app.SocialApi(fans[1]).ShareAsync(post.Id, Ct);
        var before = await app.SocialApi(fans[0]).GetPostAsync(post.Id, Ct);

        await app.FlushCountersAsync();

        var after = await app.SocialApi(fans[0]).GetPostAsync(post.Id, Ct);
        Assert.Equal((3L, 7L, 1L), (before.LikeCount, before.ViewCount, before.ShareCount));
        Assert.Equal((before.LikeCount, before.ViewCount, before.ShareCount), (after.LikeCount, after.ViewCount, after.ShareCount));
        Assert.Equal(3, await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post.Id));
        Assert.Equal(7, await app.ScalarAsync("SELECT view_count FROM posts WHERE id = $1", post.Id));
        Assert.Equal(1, await app.ScalarAsync("SELECT share_count FROM posts WHERE id = $1", post.Id));
        var pending = await app.PendingInRedisAsync(CounterKey.PostLikes(post.Id), CounterKey.PostViews(post.Id), CounterKey.PostShares(post.Id));
        Assert.Equal(new long[] { 0, 0, 0 }, pending);
    }

    // The flush reads the log (the first write's entry), then the second write commits before the flush recounts: the
    // recount sees both rows while the second's entry is still pending, and a read must not add it twice.
    [Fact]
    public async Task A_like_written_while_a_flush_is_between_its_read_and_its_recount_is_counted_once()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 2);
        var post = await app.PublishAsync(store);

        var second = await WriteDuringAFlushAsync(
            () => app.SocialApi(fans[0]).LikeAsync(post.Id, Ct),
            async () => (await app.SocialApi(fans[1]).LikeAsync(post.Id, Ct)).LikeCount);

        Assert.Equal(2, second);
        await AssertLikesBeforeAndAfterAFlushAsync(fans[0], post.Id, 2);
    }

    [Fact]
    public async Task A_follow_written_while_a_flush_is_between_its_read_and_its_recount_is_counted_once()
    {
        var (store, _) = await app.CreateVendorAsync();
        var vendorId = store.VendorId!.Value;
        var buyers = await app.CreateBuyersAsync(2);

        var second = await WriteDuringAFlushAsync(
            () => app.SocialApi(buyers[0]).FollowAsync(vendorId, Ct),
            async () => (await app.SocialApi(buyers[1]).FollowAsync(vendorId, Ct)).FollowerCount);

        Assert.Equal(2, second);
        Assert.Equal(2, (await app.SocialApi(buyers[0]).FollowAsync(vendorId, Ct)).FollowerCount);
        await app.FlushCountersAsync();
        Assert.Equal(2, (await app.SocialApi(buyers[0]).FollowAsync(vendorId, Ct)).FollowerCount);
        Assert.Equal(2, await app.ScalarAsync("SELECT follower_count FROM vendors WHERE id = $1", vendorId));
    }

    [Fact]
    public async Task Likes_arriving_while_flushes_run_back_to_back_read_exactly_once_the_burst_is_over()
    {
        const int Likes = 300;
        var (store, fans) = await app.CreateVendorAsync(followers: Likes);
        var post = await app.PublishAsync(store);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var flushing = Task.Run(async () =>
        {
            var flusher = Flusher();
            while (!stop.IsCancellationRequested) await flusher.FlushOnceAsync(Ct);
        }, Ct);

        await Parallel.ForEachAsync(fans, new ParallelOptions { MaxDegreeOfParallelism = 24, CancellationToken = Ct },
            async (fan, ct) => await app.SocialApi(fan).LikeAsync(post.Id, ct));
        await stop.CancelAsync();
        await flushing;

        await AssertLikesBeforeAndAfterAFlushAsync(fans[0], post.Id, Likes);
    }

    [Fact]
    public async Task A_full_recount_leaves_what_is_pending_to_reads()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 1);
        var post = await app.PublishAsync(store);
        await app.SocialApi(fans[0]).LikeAsync(post.Id, Ct);

        await app.GetRequiredService<FactCounts>().ReconcileAllAsync(Ct);

        await AssertLikesBeforeAndAfterAFlushAsync(fans[0], post.Id, 1);
    }

    [Fact]
    public async Task A_full_recount_in_chunks_reaches_every_post_and_store()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 3);
        var posts = new List<Guid>();
        for (var i = 0; i < 5; i++) posts.Add((await app.PublishAsync(store, caption: $"Drop {i}")).Id);
        foreach (var fan in fans) await app.SocialApi(fan).LikeAsync(posts[^1], Ct);
        await app.SocialApi(fans[0]).CommentAsync(posts[2], new CommentRequest("Iko size 42?"), Ct);
        await app.FlushCountersAsync();
        // Counts gone wrong every way a lost increment leaves them.
        await app.ExecuteAsync("UPDATE posts SET like_count = 7, comment_count = 7 WHERE vendor_id = $1", store.VendorId!.Value);
        await app.ExecuteAsync("UPDATE vendors SET follower_count = 0 WHERE id = $1", store.VendorId!.Value);

        var recount = ActivatorUtilities.CreateInstance<FactCounts>(app.Services, Options.Create(new CountersOptions { ReconcileChunk = 2 }));
        Assert.True(await recount.ReconcileAllAsync(Ct) >= 11);

        foreach (var post in posts)
        {
            Assert.Equal(post == posts[^1] ? 3 : 0, await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post));
            Assert.Equal(post == posts[2] ? 1 : 0, await app.ScalarAsync("SELECT comment_count FROM posts WHERE id = $1", post));
        }
        Assert.Equal(3, await app.ScalarAsync("SELECT follower_count FROM vendors WHERE id = $1", store.VendorId!.Value));
    }

    [Fact]
    public async Task A_read_and_a_like_between_a_flush_commit_and_its_settle_count_the_batch_once()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 2);
        var post = await app.PublishAsync(store);
        await app.FlushCountersAsync();
        await app.SocialApi(fans[0]).LikeAsync(post.Id, Ct);

        var flush = PausingFlusher(new CountersOptions { PauseAfterCommit = TimeSpan.FromSeconds(3) }).FlushOnceAsync(Ct);
        await Eventually.HoldsAsync(async () => await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post.Id) == 1,
            TimeSpan.FromSeconds(2), "the flush's commit", Ct);
        var read = (await app.SocialApi(fans[0]).GetPostAsync(post.Id, Ct)).LikeCount;
        var answered = (await app.SocialApi(fans[1]).LikeAsync(post.Id, Ct)).LikeCount;
        Assert.False(flush.IsCompleted, "the read and the like came after the settle, not before it");
        await flush;

        Assert.Equal((1L, 2L), (read, answered));
        await AssertLikesBeforeAndAfterAFlushAsync(fans[0], post.Id, 2);
    }

    [Fact]
    public async Task Counts_stored_before_a_flush_get_back_what_it_has_settled_since()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var counters = app.GetRequiredService<HotCounters>();
        var views = CounterKey.PostViews(post.Id);
        await app.FlushCountersAsync();
        var before = await Flusher().ReadWatermarkAsync(Ct);
        await counters.TryAddAsync([new(views, 3)], countedThrough: null, Ct);

        await app.FlushCountersAsync();

        var after = await Flusher().ReadWatermarkAsync(Ct);
        Assert.Equal(3, (await counters.PendingAsync([views], before, Ct))[0]);
        Assert.Equal(0, (await counters.PendingAsync([views], after, Ct))[0]);
        Assert.Equal(3, await app.ScalarAsync("SELECT view_count FROM posts WHERE id = $1", post.Id));
    }

    /// <summary>The post's likes as a buyer reads them, now and after a flush, and as stored after it.</summary>
    private async Task AssertLikesBeforeAndAfterAFlushAsync(TestUser reader, Guid postId, long expected)
    {
        Assert.Equal(expected, (await app.SocialApi(reader).GetPostAsync(postId, Ct)).LikeCount);
        await app.FlushCountersAsync();
        Assert.Equal(expected, (await app.SocialApi(reader).GetPostAsync(postId, Ct)).LikeCount);
        Assert.Equal(expected, await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", postId));
    }

    /// <summary>
    /// Makes the first write, starts a flush that pauses once it has read the log, makes the second write during the
    /// pause, and lets the flush finish; returns the count the second write answered.
    /// </summary>
    private async Task<long> WriteDuringAFlushAsync(Func<Task> first, Func<Task<long>> second)
    {
        await app.FlushCountersAsync(); // only this test's entries after the watermark
        await first();
        var flush = PausingFlusher(new CountersOptions { PauseAfterRead = TimeSpan.FromSeconds(3) }).FlushOnceAsync(Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        var answered = await second();
        Assert.False(flush.IsCompleted, "the second write came after the flush, not during it");
        Assert.True(await flush > 0);
        return answered;
    }

    [Fact]
    public async Task Daily_figures_land_on_the_nairobi_day()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var buyers = await app.CreateBuyersAsync(2);
        await app.SocialApi(buyers[0]).FollowAsync(store.VendorId!.Value, Ct);
        await app.SocialApi(buyers[1]).FollowAsync(store.VendorId!.Value, Ct);
        await app.SocialApi(buyers[1]).UnfollowAsync(store.VendorId!.Value, Ct);
        await app.SocialApi(buyers[0]).LikeAsync(post.Id, Ct);
        await app.SocialApi(buyers[0]).ViewAsync(post.Id, Ct);
        await app.SocialApi(buyers[1]).ViewAsync(post.Id, Ct);

        await app.FlushCountersAsync();

        var today = NairobiTime.Day(DateTimeOffset.UtcNow);
        await using var db = app.CreateDbContext();
        var stat = db.VendorDailyStats.Single(s => s.VendorId == store.VendorId && s.Day == today);
        Assert.Equal((2L, 1L, 1), (stat.Views, stat.Likes, stat.NewFollowers));
        var history = await app.VendorApi(store).GetFollowerHistoryAsync("7d", Ct);
        Assert.Equal(1, history.FollowerCount);
        Assert.Equal(7, history.Items.Count);
        Assert.Equal(new Api.Client.Social.FollowerDay(today, 1, 1), history.Items[^1]);
    }

    [Fact]
    public async Task Two_aggregators_flushing_at_once_apply_every_increment_once()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var counters = app.GetRequiredService<HotCounters>();
        var views = CounterKey.PostViews(post.Id);
        await Parallel.ForAsync(0, 500, Ct, async (_, ct) => await counters.TryAddAsync([new(views, 1)], countedThrough: null, ct));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Flusher().FlushAllAsync(Ct), Ct)));

        Assert.Equal(500, await app.ScalarAsync("SELECT view_count FROM posts WHERE id = $1", post.Id));
        Assert.Equal(0L, (await app.PendingInRedisAsync(views))[0]);
    }

    [Fact]
    public async Task A_flush_that_died_after_its_commit_is_settled_by_the_next_and_not_applied_twice()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var counters = app.GetRequiredService<HotCounters>();
        var views = CounterKey.PostViews(post.Id);
        var log = ActivatorUtilities.CreateInstance<CounterLog>(app.Services);
        var flusher = Flusher();
        // Other tests of this class may have left entries in the log: only this post's ten may be after the watermark.
        await flusher.FlushAllAsync(Ct);
        for (var i = 0; i < 10; i++) await counters.TryAddAsync([new(views, 1)], countedThrough: null, Ct);
        // The Postgres half of a flush, then "death": Redis is never told.
        var watermark = await flusher.ReadWatermarkAsync(Ct);
        var entries = await log.ReadAsync(watermark, 1000, Ct);
        Assert.Equal(10, entries.Count);
        await app.ExecuteAsync("UPDATE posts SET view_count = view_count + $2 WHERE id = $1", post.Id, entries.Count);
        await app.ExecuteAsync("INSERT INTO counter_flushes (last_entry_ms, last_entry_seq, entries, counters, flushed_at) VALUES ($1, $2, $3, 1, now())",
            entries[^1].Id.Milliseconds, entries[^1].Id.Sequence, entries.Count);
        Assert.Equal(10L, (await app.PendingInRedisAsync(views))[0]);

        for (var i = 0; i < 5; i++) await counters.TryAddAsync([new(views, 1)], countedThrough: null, Ct);
        await flusher.FlushAllAsync(Ct);

        Assert.Equal(15, await app.ScalarAsync("SELECT view_count FROM posts WHERE id = $1", post.Id));
        Assert.Equal(0L, (await app.PendingInRedisAsync(views))[0]);
    }

    [Fact]
    public async Task Like_counts_are_recounted_from_the_likes_so_a_lost_increment_heals()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 3);
        var post = await app.PublishAsync(store);
        // Two likes whose increments never reached Redis (Redis lost them: its last second before a crash).
        await app.ExecuteAsync("INSERT INTO post_likes (post_id, user_id, liked_at) SELECT $1, user_id, now() FROM follows WHERE vendor_id = $2 LIMIT 2",
            post.Id, store.VendorId!.Value);
        var likers = await LikersAsync(post.Id);
        await app.SocialApi(fans.Single(f => !likers.Contains(f.Id))).LikeAsync(post.Id, Ct);

        await app.FlushCountersAsync();
        Assert.Equal(3, await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post.Id));

        // And an unlike whose decrement was lost: the hourly (and after-restart) recount puts it right.
        await app.ExecuteAsync("DELETE FROM post_likes WHERE post_id = $1 AND user_id = $2", post.Id, fans[0].Id);
        var changed = await app.GetRequiredService<FactCounts>().ReconcileAllAsync(Ct);
        Assert.True(changed >= 1);
        Assert.Equal(2, await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post.Id));
    }

    private async Task<HashSet<Guid>> LikersAsync(Guid postId)
    {
        var likers = new List<Guid>();
        await using var command = app.DataSource.CreateCommand("SELECT user_id FROM post_likes WHERE post_id = $1");
        command.Parameters.Add(new() { Value = postId });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) likers.Add(reader.GetGuid(0));
        return [.. likers];
    }

    [Fact]
    public async Task The_settle_script_never_lets_redis_hand_out_an_id_at_or_below_the_watermark()
    {
        var redis = app.GetRequiredService<IDatabase>();
        var counters = app.GetRequiredService<HotCounters>();
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        await counters.TryAddAsync([new(CounterKey.PostViews(post.Id), 1)], countedThrough: null, Ct);
        await app.FlushCountersAsync();
        var watermark = await Flusher().ReadWatermarkAsync(Ct);
        // As if Redis came back from its append-only file with less than Postgres holds, and a clock behind.
        await redis.KeyDeleteAsync("counters:log");
        await redis.StreamAddAsync("counters:log", "x", "0", messageId: "1-1");
        await ActivatorUtilities.CreateInstance<CounterLog>(app.Services).SettleAsync(watermark, Ct);

        // An id at the watermark would be taken for one already applied: Redis must refuse it now.
        await Assert.ThrowsAsync<RedisServerException>(() =>
            redis.StreamAddAsync("counters:log", CounterKey.PostViews(post.Id).ToString(), "1", messageId: $"{watermark.Milliseconds}-{watermark.Sequence}"));
        var next = (string)(await redis.StreamAddAsync("counters:log", CounterKey.PostViews(post.Id).ToString(), "1"))!;
        Assert.True(StreamId.Parse(next) > watermark);
    }
}
