using System.Net;
using Purl.Api.Client.Social;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Social;

public sealed class FollowTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Following_twice_is_one_follow_and_one_follower()
    {
        var (store, _) = await app.CreateVendorAsync();
        var buyer = await app.CreateBuyerAsync();
        var api = app.SocialApi(buyer);

        var first = await api.FollowAsync(store.VendorId!.Value, Ct);
        var second = await api.FollowAsync(store.VendorId!.Value, Ct);

        Assert.Equal(new FollowResponse(store.VendorId!.Value, true, 1), first);
        Assert.Equal(first, second);
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM follows WHERE vendor_id = $1", store.VendorId!.Value));
        await app.FlushCountersAsync();
        Assert.Equal(1, await app.ScalarAsync("SELECT follower_count FROM vendors WHERE id = $1", store.VendorId!.Value));
    }

    [Fact]
    public async Task A_follow_is_a_row_in_postgres_before_the_answer_and_raises_vendor_followed()
    {
        var (store, _) = await app.CreateVendorAsync();
        var buyer = await app.CreateBuyerAsync();

        await app.SocialApi(buyer).FollowAsync(store.VendorId!.Value, Ct);

        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM follows WHERE user_id = $1 AND vendor_id = $2", buyer.Id, store.VendorId!.Value));
        Assert.Equal(1, await app.ScalarAsync(
            "SELECT count(*) FROM outbox_messages WHERE type = 'VendorFollowed' AND payload->>'buyerId' = $1", buyer.Id.ToString()));
    }

    [Fact]
    public async Task Following_your_own_store_is_a_422()
    {
        var (store, _) = await app.CreateVendorAsync();

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => app.SocialApi(store).FollowAsync(store.VendorId!.Value, Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Contains("own store", error.Content);
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM follows WHERE vendor_id = $1", store.VendorId!.Value));
    }

    [Fact]
    public async Task Following_a_store_that_does_not_exist_is_a_404()
    {
        var buyer = await app.CreateBuyerAsync();

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => app.SocialApi(buyer).FollowAsync(Guid.NewGuid(), Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("Store not found", error.Content);
    }

    [Fact]
    public async Task Following_needs_a_signed_in_user()
    {
        var (store, _) = await app.CreateVendorAsync();

        using var response = await app.CreateClient().PostAsync(SocialRoutes.Follow.Replace("{vendorId}", store.VendorId!.Value.ToString()), null, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Unfollowing_is_idempotent_and_the_store_leaves_my_following()
    {
        var (store, _) = await app.CreateVendorAsync();
        var buyer = await app.CreateBuyerAsync();
        var api = app.SocialApi(buyer);
        await api.FollowAsync(store.VendorId!.Value, Ct);

        var first = await api.UnfollowAsync(store.VendorId!.Value, Ct);
        var second = await api.UnfollowAsync(store.VendorId!.Value, Ct);

        Assert.Equal(new FollowResponse(store.VendorId!.Value, false, 0), first);
        Assert.Equal(first, second);
        Assert.Empty((await api.GetFollowingAsync(ct: Ct)).Items);
        Assert.Equal(1, await app.ScalarAsync(
            "SELECT count(*) FROM outbox_messages WHERE type = 'VendorUnfollowed' AND payload->>'buyerId' = $1", buyer.Id.ToString()));
    }

    [Fact]
    public async Task My_following_lists_stores_most_recently_followed_first_page_by_page()
    {
        var buyer = await app.CreateBuyerAsync();
        var api = app.SocialApi(buyer);
        var stores = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var (store, _) = await app.CreateVendorAsync();
            await api.FollowAsync(store.VendorId!.Value, Ct);
            stores.Add(store.VendorId!.Value);
        }

        var seen = new List<FollowedVendor>();
        string? cursor = null;
        do
        {
            var page = await api.GetFollowingAsync(cursor, limit: 2, Ct);
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(stores), seen.Select(f => f.Vendor.Id));
        Assert.All(seen, f => Assert.Equal(1, f.FollowerCount));
    }

    [Fact]
    public async Task A_cursor_that_is_not_ours_is_a_400_naming_cursor()
    {
        var buyer = await app.CreateBuyerAsync();

        var error = await Assert.ThrowsAsync<ValidationApiException>(() => app.SocialApi(buyer).GetFollowingAsync("not-a-cursor", ct: Ct));

        Assert.Contains("cursor", error.Content!.Errors.Keys);
    }

    [Fact]
    public async Task Following_merges_the_stores_recent_posts_into_my_feed_and_unfollowing_takes_them_out()
    {
        var (store, _) = await app.CreateVendorAsync();
        var first = await app.PublishAsync(store, "Leso za pwani");
        var second = await app.PublishAsync(store, "Vikapu vya Kisii");
        var buyer = await app.CreateBuyerAsync();
        var api = app.SocialApi(buyer);

        await api.FollowAsync(store.VendorId!.Value, Ct);
        var followed = await app.FeedApi(buyer).GetFeedAsync(ct: Ct);
        await api.UnfollowAsync(store.VendorId!.Value, Ct);
        var unfollowed = await app.FeedApi(buyer).GetFeedAsync(ct: Ct);

        Assert.Equal([second.Id, first.Id], followed.Items.Where(i => i.Source == Api.Client.Feed.FeedItemSource.Following).Select(i => i.Id));
        Assert.DoesNotContain(unfollowed.Items, i => i.Source == Api.Client.Feed.FeedItemSource.Following);
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM feed_items WHERE user_id = $1", buyer.Id));
    }
}
