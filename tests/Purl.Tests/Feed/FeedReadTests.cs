using Microsoft.Extensions.DependencyInjection;
using Purl.Api.Client.Feed;
using FeedScore = Purl.Core.Feed.FeedScore;
using FeedFanOut = Purl.Core.Feed.FeedFanOut;
using TrendingPosts = Purl.Core.Feed.TrendingPosts;
using Purl.Tests.Infrastructure;
using Purl.Tests.Social;
using Refit;

namespace Purl.Tests.Feed;

public sealed class FeedReadTests(FeedReadTests.App app) : IClassFixture<FeedReadTests.App>
{
    private const int BigStore = 5;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A threshold of five followers, so a "big" store is cheap to make.</summary>
    public sealed class App(PurlStack stack) : PurlApp(stack)
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["Feed:FanOutFollowerThreshold"] = BigStore.ToString();
            // One trending list for the whole class, so a test's reads never straddle its replacement.
            settings["Feed:TrendingCacheLifetime"] = "01:00:00";
        }
    }

    private Task FanOutAsync(Guid postId) => ActivatorUtilities.CreateInstance<FeedFanOut>(app.Services).DeliverAsync(postId, Ct);

    [Fact]
    public async Task Paging_through_the_feed_gives_every_post_once_in_score_order_even_while_posts_arrive()
    {
        var buyer = await app.CreateBuyerAsync();
        var stores = new List<Social.TestUser>();
        for (var i = 0; i < 3; i++)
        {
            var (store, _) = await app.CreateVendorAsync();
            await app.AddFollowsAsync(store.VendorId!.Value, [buyer]);
            stores.Add(store);
        }
        var published = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            var post = await app.PublishAsync(stores[i % 3], $"Post {i}", premium: i % 7 == 0);
            await FanOutAsync(post.Id);
            published.Add(post.Id);
        }

        var seen = new List<FeedItem>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await app.FeedApi(buyer).GetFeedAsync(cursor, 5, Ct);
            seen.AddRange(page.Items.Where(i => i.Source == FeedItemSource.Following));
            cursor = page.NextCursor;
            // A newer post arriving mid-way ranks above the cursor: it must not shift what the next pages hold.
            if (pages++ == 1)
            {
                var late = await app.PublishAsync(stores[0], "Late");
                await FanOutAsync(late.Id);
            }
        } while (cursor is not null && seen.Count < published.Count);

        Assert.Equal(published.Count, seen.Count);
        Assert.Equal(published.Order(), seen.Select(i => i.Id).Order());
        var scores = seen.Select(i => FeedScore.Compute(i.CreatedAt, published.IndexOf(i.Id) % 7 == 0)).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task A_big_stores_posts_are_merged_into_followers_feeds_at_read_time()
    {
        var (small, fans) = await app.CreateVendorAsync(followers: 1);
        var buyer = fans[0];
        var (big, bigFans) = await app.CreateVendorAsync(followers: BigStore);
        await app.AddFollowsAsync(big.VendorId!.Value, [buyer]);

        var older = await app.PublishAsync(small, "Small, older");
        await FanOutAsync(older.Id);
        var viral = await app.PublishAsync(big, "Big, in the middle");
        await FanOutAsync(viral.Id);
        var newer = await app.PublishAsync(small, "Small, newer");
        await FanOutAsync(newer.Id);

        var feed = await app.FeedApi(buyer).GetFeedAsync(ct: Ct);

        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE post_id = $1", viral.Id));
        Assert.Equal([newer.Id, viral.Id, older.Id], feed.Items.Where(i => i.Source == FeedItemSource.Following).Select(i => i.Id));
        Assert.Contains(viral.Id, (await app.FeedApi(bigFans[3]).GetFeedAsync(ct: Ct)).Items.Where(i => i.Source == FeedItemSource.Following).Select(i => i.Id));
        var page1 = await app.FeedApi(buyer).GetFeedAsync(limit: 1, ct: Ct);
        var page2 = await app.FeedApi(buyer).GetFeedAsync(page1.NextCursor, 1, Ct);
        var page3 = await app.FeedApi(buyer).GetFeedAsync(page2.NextCursor, 1, Ct);
        Assert.Equal([newer.Id, viral.Id, older.Id], page1.Items.Concat(page2.Items).Concat(page3.Items).Select(i => i.Id));
    }

    [Fact]
    public async Task A_feed_short_of_followed_posts_is_filled_with_trending_posts_from_other_stores()
    {
        var buyer = await app.CreateBuyerAsync();
        var (followed, _) = await app.CreateVendorAsync();
        await app.AddFollowsAsync(followed.VendorId!.Value, [buyer]);
        var mine = await app.PublishAsync(followed, "Followed");
        await FanOutAsync(mine.Id);
        var (stranger, _) = await app.CreateVendorAsync();
        var discovery = await app.PublishAsync(stranger, "Discover me");
        await app.PublishAsync(followed, "Followed, not fanned out yet");

        var feed = await app.FeedApi(buyer).GetFeedAsync(limit: 100, ct: Ct);

        Assert.Equal(mine.Id, feed.Items[0].Id);
        Assert.Equal(FeedItemSource.Following, feed.Items[0].Source);
        Assert.NotEmpty(feed.Items.Skip(1));
        Assert.All(feed.Items.Skip(1), i => Assert.Equal(FeedItemSource.Trending, i.Source));
        Assert.DoesNotContain(feed.Items.Skip(1), i => i.Vendor.Id == followed.VendorId);
        Assert.Equal(feed.Items.Count, feed.Items.Select(i => i.Id).Distinct().Count());
        // Trending is cached (a minute in Redis, seconds in memory); computed afresh it has the newest post.
        Assert.Contains(discovery.Id, (await app.GetRequiredService<TrendingPosts>().ComputeAsync(Ct)).Select(t => t.PostId));
    }

    [Theory]
    [InlineData(2)] // the followed posts fill the first page exactly: the next starts the trending ones
    [InlineData(3)] // the first page ends one trending post in
    public async Task Paging_from_followed_into_trending_posts_gives_each_once_followed_first(int limit)
    {
        var buyer = await app.CreateBuyerAsync();
        var (followed, _) = await app.CreateVendorAsync();
        await app.AddFollowsAsync(followed.VendorId!.Value, [buyer]);
        var mine = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var post = await app.PublishAsync(followed, $"Followed {i}");
            await FanOutAsync(post.Id);
            mine.Add(post.Id);
        }
        var (stranger, _) = await app.CreateVendorAsync();
        for (var i = 0; i < 4; i++)
            await app.PublishAsync(stranger, $"Elsewhere {i}");

        var seen = new List<FeedItem>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await app.FeedApi(buyer).GetFeedAsync(cursor, limit, Ct);
            Assert.True(page.Items.Count <= limit);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            if (cursor is null) break;
        }

        Assert.Null(cursor);
        Assert.Equal(mine.AsEnumerable().Reverse(), seen.Take(2).Select(i => i.Id));
        Assert.All(seen.Take(2), i => Assert.Equal(FeedItemSource.Following, i.Source));
        Assert.NotEmpty(seen.Skip(2));
        Assert.All(seen.Skip(2), i => Assert.Equal(FeedItemSource.Trending, i.Source));
        Assert.Equal(seen.Count, seen.Select(i => i.Id).Distinct().Count());
        // Small pages hold what one big page holds, in the same order.
        var whole = (await app.FeedApi(buyer).GetFeedAsync(limit: 100, ct: Ct)).Items.Select(i => i.Id).ToList();
        Assert.Equal(whole, seen.Select(i => i.Id).Take(whole.Count));
    }

    [Fact]
    public async Task Feed_items_carry_their_store_tagged_products_counts_and_my_like()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 2);
        var product = await app.CreateProductAsync(store.VendorId!.Value, "Ankara dress", 3200m);
        var post = await app.PublishAsync(store, "Ankara Friday", tagged: [product]);
        await FanOutAsync(post.Id);
        await app.SocialApi(fans[0]).LikeAsync(post.Id, Ct);
        await app.SocialApi(fans[1]).LikeAsync(post.Id, Ct);
        await app.SocialApi(fans[1]).ViewAsync(post.Id, Ct);

        var item = (await app.FeedApi(fans[0]).GetFeedAsync(ct: Ct)).Items.Single(i => i.Id == post.Id);

        Assert.Equal(store.VendorId, item.Vendor.Id);
        Assert.Equal("/media/logo.png", item.Vendor.LogoUrl);
        Assert.Equal("Ankara Friday", item.Caption);
        Assert.Equal("Ankara dress", Assert.Single(item.TaggedProducts).Name);
        Assert.Equal((2L, 1L, 0L, 0L), (item.LikeCount, item.ViewCount, item.ShareCount, item.CommentCount));
        Assert.True(item.LikedByMe);
        Assert.NotNull(item.ExpiresAt);
    }

    [Fact]
    public async Task Expired_and_deleted_posts_leave_the_feed_at_once()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 1);
        var expired = await app.PublishAsync(store, "Expiring");
        var deleted = await app.PublishAsync(store, "Deleting");
        var kept = await app.PublishAsync(store, "Kept");
        foreach (var id in new[] { expired.Id, deleted.Id, kept.Id }) await FanOutAsync(id);

        await app.ExecuteAsync("UPDATE posts SET expires_at = now() - interval '1 second' WHERE id = $1", expired.Id);
        await app.VendorApi(store).DeletePostAsync(deleted.Id, Ct);
        var feed = await app.FeedApi(fans[0]).GetFeedAsync(ct: Ct);

        Assert.Equal([kept.Id], feed.Items.Where(i => i.Source == FeedItemSource.Following).Select(i => i.Id));
        Assert.DoesNotContain(feed.Items, i => i.Id == expired.Id || i.Id == deleted.Id);
    }

    [Fact]
    public async Task A_bad_cursor_or_limit_is_a_400_naming_it()
    {
        var buyer = await app.CreateBuyerAsync();

        var cursor = await Assert.ThrowsAsync<ValidationApiException>(() => app.FeedApi(buyer).GetFeedAsync("Zm9v", ct: Ct));
        var limit = await Assert.ThrowsAsync<ValidationApiException>(() => app.FeedApi(buyer).GetFeedAsync(limit: 500, ct: Ct));

        Assert.Contains("cursor", cursor.Content!.Errors.Keys);
        Assert.Contains("limit", limit.Content!.Errors.Keys);
    }
}
