using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Purl.Core.Feed;
using Purl.Tests.Infrastructure;
using Purl.Tests.Social;

namespace Purl.Tests.Feed;

public sealed class FeedCleanupTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FeedCleanup Cleanup(int batchSize) => ActivatorUtilities.CreateInstance<FeedCleanup>(app.Services,
        Options.Create(new FeedOptions { CleanupBatchSize = batchSize }));

    private Task FanOutAsync(Guid postId) => ActivatorUtilities.CreateInstance<FeedFanOut>(app.Services).DeliverAsync(postId, Ct);

    [Fact]
    public async Task The_clean_up_removes_expired_and_deleted_posts_items_in_batches_and_keeps_the_rest()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 25);
        var expired = await app.PublishAsync(store, "Expired");
        var deleted = await app.PublishAsync(store, "Deleted");
        var extended = await app.PublishAsync(store, "Extended");
        var live = await app.PublishAsync(store, "Live");
        foreach (var id in new[] { expired.Id, deleted.Id, extended.Id, live.Id }) await FanOutAsync(id);
        await app.SocialApi(fans[0]).LikeAsync(deleted.Id, Ct);
        await app.ExecuteAsync("UPDATE posts SET expires_at = now() - interval '1 hour' WHERE id = $1", expired.Id);
        // Items written with an expiry that the store later moved: the post's own expiry is what counts.
        await app.ExecuteAsync("UPDATE feed_items SET expires_at = now() - interval '1 hour' WHERE post_id = $1", extended.Id);
        await app.VendorApi(store).DeletePostAsync(deleted.Id, Ct);

        var report = await Cleanup(batchSize: 10).RunOnceAsync(Ct);

        Assert.Equal(25, report.ExpiredItems);
        Assert.Equal(1, report.DeletedPosts);
        Assert.Equal(25, report.DeletedPostItems);
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE post_id = ANY($1)", new[] { expired.Id, deleted.Id }));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM posts WHERE id = $1", expired.Id));
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM posts WHERE id = $1", deleted.Id));
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM post_likes WHERE post_id = $1", deleted.Id));
        Assert.Equal(25, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE post_id = $1", extended.Id));
        Assert.Equal(25, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE post_id = $1", live.Id));
        Assert.Equal(0, (await Cleanup(batchSize: 10).RunOnceAsync(Ct)).ExpiredItems);
    }
}
