using System.Net;
using Purl.Api.Client;
using Purl.Api.Client.Social;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Social;

public sealed class StoriesTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stories_come_grouped_by_followed_store_with_unseen_stores_first()
    {
        var buyer = await app.CreateBuyerAsync();
        var (seenStore, _) = await app.CreateVendorAsync();
        var (freshStore, _) = await app.CreateVendorAsync();
        var (notFollowed, _) = await app.CreateVendorAsync();
        await app.AddFollowsAsync(seenStore.VendorId!.Value, [buyer]);
        await app.AddFollowsAsync(freshStore.VendorId!.Value, [buyer]);
        var seenStory = await app.VendorApi(seenStore).PublishStoryAsync(new StoryRequest("/media/s1.jpg"), Ct);
        var fresh1 = await app.VendorApi(freshStore).PublishStoryAsync(new StoryRequest("/media/f1.jpg"), Ct);
        var fresh2 = await app.VendorApi(freshStore).PublishStoryAsync(new StoryRequest("/media/f2.jpg", "Offer ends tonight"), Ct);
        await app.VendorApi(notFollowed).PublishStoryAsync(new StoryRequest("/media/n.jpg"), Ct);
        // Viewed after the others were posted, so only "unseen first" can put the older-posting store first.
        await app.SocialApi(buyer).ViewStoryAsync(seenStory.Id, Ct);
        var seenLater = await app.VendorApi(seenStore).PublishStoryAsync(new StoryRequest("/media/s2.jpg"), Ct);
        await app.SocialApi(buyer).ViewStoryAsync(seenLater.Id, Ct);

        var stories = await app.FeedApi(buyer).GetStoriesAsync(Ct);

        Assert.Equal([freshStore.VendorId!.Value, seenStore.VendorId!.Value], stories.Items.Select(g => g.Vendor.Id));
        var freshGroup = stories.Items[0];
        Assert.True(freshGroup.HasUnseen);
        Assert.Equal([fresh1.Id, fresh2.Id], freshGroup.Stories.Select(s => s.Id));
        Assert.All(freshGroup.Stories, s => Assert.False(s.Seen));
        Assert.False(stories.Items[1].HasUnseen);
        Assert.All(stories.Items[1].Stories, s => Assert.True(s.Seen));
    }

    [Fact]
    public async Task The_stories_row_is_cached_and_following_a_store_drops_the_cache()
    {
        var buyer = await app.CreateBuyerAsync();
        var (first, _) = await app.CreateVendorAsync();
        var (second, _) = await app.CreateVendorAsync();
        await app.AddFollowsAsync(first.VendorId!.Value, [buyer]);
        await app.VendorApi(first).PublishStoryAsync(new StoryRequest("/media/a.jpg"), Ct);
        await app.VendorApi(second).PublishStoryAsync(new StoryRequest("/media/b.jpg"), Ct);
        Assert.Single((await app.FeedApi(buyer).GetStoriesAsync(Ct)).Items);

        // A follow written behind the API's back is not seen: the buyer's row is served from the cache.
        await app.AddFollowsAsync(second.VendorId!.Value, [buyer]);
        Assert.Single((await app.FeedApi(buyer).GetStoriesAsync(Ct)).Items);

        // Following through the API drops the cached row (here of a third store with no stories).
        var (third, _) = await app.CreateVendorAsync();
        await app.SocialApi(buyer).FollowAsync(third.VendorId!.Value, Ct);
        Assert.Equal(2, (await app.FeedApi(buyer).GetStoriesAsync(Ct)).Items.Count);

        await app.SocialApi(buyer).UnfollowAsync(first.VendorId!.Value, Ct);
        Assert.Equal([second.VendorId!.Value], (await app.FeedApi(buyer).GetStoriesAsync(Ct)).Items.Select(g => g.Vendor.Id));
    }

    [Fact]
    public async Task A_cached_row_is_dropped_on_every_api_instance()
    {
        await using var other = app.StartAnotherInstance();
        var buyer = await app.CreateBuyerAsync();
        var (store, _) = await app.CreateVendorAsync();
        await app.VendorApi(store).PublishStoryAsync(new StoryRequest("/media/a.jpg"), Ct);
        var there = Api.Client.PurlApiClient.For<Api.Client.Feed.IFeedApi>(other.CreateClient().WithBearer(buyer.Token));
        Assert.Empty((await there.GetStoriesAsync(Ct)).Items);

        await app.SocialApi(buyer).FollowAsync(store.VendorId!.Value, Ct);

        Assert.Single((await there.GetStoriesAsync(Ct)).Items);
    }

    [Fact]
    public async Task A_story_view_counts_the_viewer_once()
    {
        var (store, _) = await app.CreateVendorAsync();
        var story = await app.VendorApi(store).PublishStoryAsync(new StoryRequest("/media/a.jpg"), Ct);
        var buyers = await app.CreateBuyersAsync(2);

        await app.SocialApi(buyers[0]).ViewStoryAsync(story.Id, Ct);
        await app.SocialApi(buyers[0]).ViewStoryAsync(story.Id, Ct);
        var last = await app.SocialApi(buyers[1]).ViewStoryAsync(story.Id, Ct);
        await app.FlushCountersAsync();

        Assert.Equal(2, last.ViewCount);
        Assert.Equal(2, await app.ScalarAsync("SELECT view_count FROM stories WHERE id = $1", story.Id));
    }

    [Fact]
    public async Task Expired_stories_are_not_shown_and_take_no_views()
    {
        var buyer = await app.CreateBuyerAsync();
        var (store, _) = await app.CreateVendorAsync();
        await app.AddFollowsAsync(store.VendorId!.Value, [buyer]);
        var story = await app.VendorApi(store).PublishStoryAsync(new StoryRequest("/media/a.jpg"), Ct);
        await app.ExecuteAsync("UPDATE stories SET expires_at = now() - interval '1 second' WHERE id = $1", story.Id);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => app.SocialApi(buyer).ViewStoryAsync(story.Id, Ct));
        var missing = await Assert.ThrowsAnyAsync<ApiException>(() => app.SocialApi(buyer).ViewStoryAsync(Guid.NewGuid(), Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty((await app.FeedApi(buyer).GetStoriesAsync(Ct)).Items);
    }

    [Fact]
    public async Task A_story_without_media_is_a_400_naming_mediaUrl()
    {
        var (store, _) = await app.CreateVendorAsync();

        var error = await Assert.ThrowsAsync<ValidationApiException>(() => app.VendorApi(store).PublishStoryAsync(new StoryRequest(" "), Ct));

        Assert.Contains("mediaUrl", error.Content!.Errors.Keys);
    }
}
