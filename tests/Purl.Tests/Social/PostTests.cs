using System.Net;
using Purl.Api.Client;
using Purl.Api.Client.Catalog;
using Purl.Api.Client.Social;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Social;

public sealed class PostTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] OneImage = ["https://cdn.example.co.ke/p/1.jpg"];

    [Fact]
    public async Task A_vendor_publishes_a_post_with_tagged_products_and_it_raises_post_published()
    {
        var (store, _) = await app.CreateVendorAsync();
        var product = await app.CreateProductAsync(store.VendorId!.Value, "Maasai shuka", 2400m);

        var post = await app.VendorApi(store).PublishPostAsync(
            new PostRequest("New shukas in", ["/media/abc.jpg", "https://cdn.example.co.ke/p/2.jpg"], [product], IsPremium: true), Ct);

        Assert.Equal(store.VendorId, post.Vendor.Id);
        Assert.Equal(["/media/abc.jpg", "https://cdn.example.co.ke/p/2.jpg"], post.Images);
        Assert.Equal([new TaggedProduct(product, "Maasai shuka", 2400m, "KES", null)], post.TaggedProducts);
        Assert.True(post.IsPremium);
        Assert.Equal((0L, 0L, 0L, 0L), (post.LikeCount, post.ViewCount, post.ShareCount, post.CommentCount));
        Assert.InRange(post.ExpiresAt!.Value - post.CreatedAt, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE type = 'PostPublished' AND payload->>'postId' = $1", post.Id.ToString()));
    }

    [Fact]
    public async Task A_buyer_cannot_post()
    {
        var buyer = await app.CreateBuyerAsync();

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => app.VendorApi(buyer).PublishPostAsync(new PostRequest("Hi", OneImage), Ct));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task A_vendor_cannot_edit_or_delete_another_stores_post()
    {
        var (owner, _) = await app.CreateVendorAsync();
        var (other, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(owner, "Original");

        var edit = await Assert.ThrowsAnyAsync<ApiException>(() => app.VendorApi(other).UpdatePostAsync(post.Id, new PostRequest("Hijacked", OneImage), Ct));
        var delete = await Assert.ThrowsAnyAsync<ApiException>(() => app.VendorApi(other).DeletePostAsync(post.Id, Ct));

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("Original", (await app.SocialApi(other).GetPostAsync(post.Id, Ct)).Caption);
    }

    [Fact]
    public async Task The_owner_edits_a_post()
    {
        var (owner, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(owner, "Before");
        var expires = DateTimeOffset.UtcNow.AddDays(3);

        var edited = await app.VendorApi(owner).UpdatePostAsync(post.Id, new PostRequest("After", OneImage, ExpiresAt: expires), Ct);

        Assert.Equal("After", edited.Caption);
        Assert.InRange((edited.ExpiresAt!.Value - expires).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_post_read_after_an_edit_or_a_store_rename_shows_them()
    {
        var (owner, fans) = await app.CreateVendorAsync(followers: 1);
        var post = await app.PublishAsync(owner, "Before");
        var reader = app.SocialApi(fans[0]);
        Assert.Equal("Before", (await reader.GetPostAsync(post.Id, Ct)).Caption);

        await app.VendorApi(owner).UpdatePostAsync(post.Id, new PostRequest("After", OneImage), Ct);
        Assert.Equal("After", (await reader.GetPostAsync(post.Id, Ct)).Caption);

        var store = PurlApiClient.For<IVendorCatalogApi>(app.CreateClient().WithBearer(owner.Token));
        var own = await store.GetStoreAsync(Ct);
        await store.UpdateStoreAsync(new StoreRequest("Renamed store", own.Version), Ct);
        Assert.Equal("Renamed store", (await reader.GetPostAsync(post.Id, Ct)).Vendor.Name);
    }

    [Fact]
    public async Task Tagging_another_stores_product_is_a_400_naming_taggedProductIds()
    {
        var (store, _) = await app.CreateVendorAsync();
        var (other, _) = await app.CreateVendorAsync();
        var theirs = await app.CreateProductAsync(other.VendorId!.Value);

        var error = await Assert.ThrowsAsync<ValidationApiException>(() =>
            app.VendorApi(store).PublishPostAsync(new PostRequest("Mine?", OneImage, [theirs]), Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains(theirs.ToString(), Assert.Single(error.Content!.Errors["taggedProductIds"]));
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM posts WHERE vendor_id = $1", store.VendorId!.Value));
    }

    public static TheoryData<string?, string[]?, string?, string> BadPosts => new()
    {
        { "No picture", null, null, "images" },
        { "No picture", [], null, "images" },
        { "Bad picture", ["ftp://files.example/x.jpg"], null, "images" },
        { "Bad picture", ["not a url"], null, "images" },
        { new string('a', 2201), ["/media/a.jpg"], null, "caption" },
        { "Gone already", ["/media/a.jpg"], "past", "expiresAt" },
        { "Too far", ["/media/a.jpg"], "far", "expiresAt" },
    };

    [Theory]
    [MemberData(nameof(BadPosts))]
    public async Task A_bad_post_is_a_400_naming_the_field_and_nothing_is_written(string? caption, string[]? images, string? expiry, string field)
    {
        var (store, _) = await app.CreateVendorAsync();
        DateTimeOffset? expiresAt = expiry switch
        {
            "past" => DateTimeOffset.UtcNow.AddMinutes(-1),
            "far" => DateTimeOffset.UtcNow.AddDays(91),
            _ => null,
        };

        var error = await Assert.ThrowsAsync<ValidationApiException>(() =>
            app.VendorApi(store).PublishPostAsync(new PostRequest(caption, images, ExpiresAt: expiresAt), Ct));

        Assert.Contains(field, error.Content!.Errors.Keys);
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM posts WHERE vendor_id = $1", store.VendorId!.Value));
    }

    [Fact]
    public async Task A_deleted_post_is_gone_for_buyers_and_its_store()
    {
        var (store, fans) = await app.CreateVendorAsync(followers: 1);
        var post = await app.PublishAsync(store);

        await app.VendorApi(store).DeletePostAsync(post.Id, Ct);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => app.SocialApi(fans[0]).GetPostAsync(post.Id, Ct));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Empty((await app.VendorApi(store).GetPostsAsync(ct: Ct)).Items);
        var again = await Assert.ThrowsAnyAsync<ApiException>(() => app.VendorApi(store).DeletePostAsync(post.Id, Ct));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task A_store_lists_its_own_posts_newest_first_page_by_page()
    {
        var (store, _) = await app.CreateVendorAsync();
        var published = new List<Guid>();
        for (var i = 0; i < 5; i++) published.Add((await app.PublishAsync(store, $"Post {i}")).Id);

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await app.VendorApi(store).GetPostsAsync(cursor, 2, Ct);
            seen.AddRange(page.Items.Select(p => p.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(published), seen);
    }

    [Fact]
    public async Task A_limit_out_of_range_is_a_400_naming_limit()
    {
        var (store, _) = await app.CreateVendorAsync();

        var zero = await Assert.ThrowsAsync<ValidationApiException>(() => app.VendorApi(store).GetPostsAsync(limit: 0, ct: Ct));
        var tooMany = await Assert.ThrowsAsync<ValidationApiException>(() => app.VendorApi(store).GetPostsAsync(limit: 101, ct: Ct));

        Assert.Contains("limit", zero.Content!.Errors.Keys);
        Assert.Contains("limit", tooMany.Content!.Errors.Keys);
    }
}
