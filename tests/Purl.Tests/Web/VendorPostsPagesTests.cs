using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Purl.Api.Client;
using Purl.Api.Client.Catalog;
using Purl.Api.Client.Feed;
using Purl.Api.Client.Social;
using Purl.Tests.Auth;
using Purl.Tests.Catalog;
using Purl.Tests.Infrastructure;
using Refit;
using static Microsoft.Playwright.Assertions;

namespace Purl.Tests.Web;

/// <summary>Posts, stories and followers in a real browser; what the vendor publishes is read back as buyers read it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VendorPostsPagesTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_vendor_composes_a_post_with_a_photo_and_a_tagged_product_and_a_buyer_reads_it()
    {
        var vendor = await NewVendorAsync("Maasai Market Beads");
        var necklace = await vendor.OnSaleAsync("Beaded necklace", 850m);
        await vendor.OnSaleAsync("Beaded belt", 1200m);
        var page = await browser.SignInAsync(app, vendor.Email);

        await page.GotoAsync("/posts");
        await page.GetByRole(AriaRole.Button, new() { Name = "New post" }).ClickAsync();
        // The form is done drawing once the products to tag have loaded; a photo chosen before that render is dropped.
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Beaded necklace" })).ToBeVisibleAsync();
        await page.GetByLabel("Photos").SetInputFilesAsync(Photo("beads.jpg"));
        await Expect(page.GetByTestId("post-photos").Locator("img")).ToHaveCountAsync(1);
        await page.GetByLabel("Caption", new() { Exact = true }).FillAsync("New colours for the festive season 🎉");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Beaded necklace" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish post" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Published");
        var card = page.Locator("li.post");
        await Expect(card).ToHaveCountAsync(1);
        var postId = Guid.Parse((await card.GetAttributeAsync("data-testid"))!["post-".Length..]);
        await Expect(card).ToContainTextAsync("New colours for the festive season");
        await Expect(card.GetByTestId("post-tags")).ToHaveTextAsync("Tagged: Beaded necklace");
        await Expect(card.GetByTestId("post-reach")).ToContainTextAsync("0 views");
        await Expect(card.Locator("img")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await card.Locator("img").EvaluateAsync<int>("img => img.naturalWidth") > 0, "the post's photo did not load");

        var buyer = await BuyerAsync();
        var post = await buyer.GetPostAsync(postId, Ct);
        Assert.Equal("New colours for the festive season 🎉", post.Caption);
        Assert.Equal(vendor.VendorId, post.Vendor.Id);
        Assert.Equal(necklace.Id, Assert.Single(post.TaggedProducts).Id);
        using (var photo = await app.CreateClient().GetAsync(Assert.Single(post.Images), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
            Assert.Equal("image/webp", photo.Content.Headers.ContentType?.MediaType);
        }

        // Reach: what buyers do shows on the vendor's card.
        await buyer.ViewAsync(postId, Ct);
        await buyer.LikeAsync(postId, Ct);
        await buyer.CommentAsync(postId, new CommentRequest("Do you deliver to Nakuru?"), Ct);
        await page.ReloadAsync();
        var reach = page.GetByTestId($"post-{postId}").GetByTestId("post-reach");
        await Expect(reach).ToContainTextAsync("1 views");
        await Expect(reach).ToContainTextAsync("1 likes");
        await Expect(reach).ToContainTextAsync("1 comments");
        await page.ScreenshotAsync("dashboard-posts");
    }

    [Fact]
    public async Task A_vendor_edits_a_post_in_place_and_deletes_it_from_every_feed()
    {
        var vendor = await NewVendorAsync("Kariakor Leather");
        var bag = await vendor.OnSaleAsync("Leather tote", 3200m);
        var photo = await vendor.Social.UploadMediaAsync(CatalogTestKit.Part(CatalogTestKit.Image("jpg", 600, 600)), Ct);
        var published = await vendor.Social.PublishPostAsync(new PostRequest("Totes in tan", [photo.Url], [bag.Id], IsPremium: false), Ct);
        var page = await browser.SignInAsync(app, vendor.Email);
        await page.GotoAsync("/posts");
        var card = page.GetByTestId($"post-{published.Id}");

        await card.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Leather tote" })).ToBeCheckedAsync();
        await page.GetByLabel("Caption", new() { Exact = true }).FillAsync("Totes in tan and black");
        await page.GetByLabel("Premium post").CheckAsync();
        var until = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(10), Nairobi);
        await page.GetByLabel("Expires").FillAsync(until.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(card).ToContainTextAsync("Totes in tan and black");
        await Expect(card).ToContainTextAsync("premium");

        var buyer = await BuyerAsync();
        var edited = await buyer.GetPostAsync(published.Id, Ct);
        Assert.Equal("Totes in tan and black", edited.Caption);
        Assert.True(edited.IsPremium);
        Assert.Equal([photo.Url], edited.Images);
        // The form's wall-clock time is Nairobi's, to the minute.
        Assert.Equal(new DateTimeOffset(until.Year, until.Month, until.Day, until.Hour, until.Minute, 0, TimeSpan.FromHours(3)), edited.ExpiresAt);

        await card.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Delete for good" }).ClickAsync();
        await Expect(card).ToHaveCountAsync(0);
        var gone = await Assert.ThrowsAnyAsync<ApiException>(() => buyer.GetPostAsync(published.Id, Ct));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_published_story_shows_on_the_page_and_to_followers()
    {
        var vendor = await NewVendorAsync("Mombasa Spice Stall");
        var (_, buyerTokens) = await app.RegisterAndLoginAsync("buyer");
        var buyerHttp = app.CreateClient().WithBearer(buyerTokens.AccessToken);
        await PurlApiClient.For<ISocialApi>(buyerHttp).FollowAsync(vendor.VendorId, Ct);
        var page = await browser.SignInAsync(app, vendor.Email);

        await page.GotoAsync("/posts");
        await Expect(page.GetByText("No live stories.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish a story" }).ClickAsync();
        await page.GetByLabel("Story photo").SetInputFilesAsync(Photo("pilau.png", "png"));
        await Expect(page.Locator("#story .thumbs img")).ToBeVisibleAsync();
        await page.GetByLabel("Story caption").FillAsync("Pilau masala, fresh today");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish story" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Story published");
        await Expect(page.GetByTestId("stories")).ToContainTextAsync("Pilau masala, fresh today");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("stories")).ToContainTextAsync("Pilau masala, fresh today");

        var stories = await PurlApiClient.For<IFeedApi>(buyerHttp).GetStoriesAsync(Ct);
        var group = Assert.Single(stories.Items);
        Assert.Equal(vendor.VendorId, group.Vendor.Id);
        var story = Assert.Single(group.Stories);
        await Expect(page.GetByTestId($"story-{story.Id}")).ToBeVisibleAsync();
        using var media = await app.CreateClient().GetAsync(story.MediaUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
    }

    [Fact]
    public async Task The_APIs_field_errors_show_next_to_the_caption_photos_and_story_photo()
    {
        var vendor = await NewVendorAsync("Careful Captions");
        var page = await browser.SignInAsync(app, vendor.Email);
        await page.GotoAsync("/posts");
        await page.GetByRole(AriaRole.Button, new() { Name = "New post" }).ClickAsync();
        var photos = page.Locator(".field", new() { Has = page.Locator("#post-photos") });
        var caption = page.Locator(".field", new() { Has = page.Locator("#caption") });

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish post" }).ClickAsync();
        await Expect(photos.Locator(".validation-message")).ToHaveTextAsync("A post needs at least one image.");
        await Expect(caption.Locator(".validation-message")).ToHaveCountAsync(0);

        await page.GetByLabel("Caption", new() { Exact = true }).FillAsync(new string('a', 2201));
        await Expect(caption).ToContainTextAsync("2,201 / 2,200 characters");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish post" }).ClickAsync();
        await Expect(caption.Locator(".validation-message")).ToHaveTextAsync("A caption is at most 2200 characters.");

        await page.GetByLabel("Expires").FillAsync("2020-01-01T09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish post" }).ClickAsync();
        var expires = page.Locator(".field", new() { Has = page.Locator("#expires") });
        await Expect(expires.Locator(".validation-message")).ToHaveTextAsync("Expiry must be in the future.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish a story" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish story" }).ClickAsync();
        var storyPhoto = page.Locator(".field", new() { Has = page.Locator("#story-photo") });
        await Expect(storyPhoto.Locator(".validation-message")).ToContainTextAsync("A story needs its media");
        // The post form keeps its own messages; the story's do not land under the post's caption.
        await Expect(caption.Locator(".validation-message")).ToHaveCountAsync(1);

        await page.GetByLabel("Story photo").SetInputFilesAsync(new FilePayload { Name = "notes.jpg", MimeType = "image/jpeg", Buffer = "not an image"u8.ToArray() });
        await Expect(storyPhoto.Locator(".validation-message")).ToContainTextAsync("Not a JPEG, PNG or WebP image.");

        Assert.Empty((await vendor.Social.GetPostsAsync(ct: Ct)).Items);
        Assert.Empty((await vendor.Social.GetStoriesAsync(Ct)).Items);
    }

    [Fact]
    public async Task The_followers_page_counts_a_buyer_who_follows()
    {
        var vendor = await NewVendorAsync("Nyeri Coffee Roasters");
        var page = await browser.SignInAsync(app, vendor.Email);

        await page.GotoAsync("/followers");
        await Expect(page.GetByTestId("figure-followers")).ToContainTextAsync("0");
        await Expect(page.GetByText("No followers yet.")).ToBeVisibleAsync();

        var (_, buyerTokens) = await app.RegisterAndLoginAsync("buyer");
        var follow = await PurlApiClient.For<ISocialApi>(app.CreateClient().WithBearer(buyerTokens.AccessToken)).FollowAsync(vendor.VendorId, Ct);
        Assert.Equal(1, follow.FollowerCount);
        await page.ReloadAsync();

        await Expect(page.GetByTestId("figure-followers")).ToContainTextAsync("1");
        await Expect(page.GetByTestId("figure-gained")).ToContainTextAsync("+1");
        await Expect(page.GetByTestId("follower-days").Locator("tbody tr").First).ToContainTextAsync("+1");
        await Expect(page.GetByText("No followers yet.")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("dashboard-followers");

        await page.GetByRole(AriaRole.Button, new() { Name = "7 days" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "7 days" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("follower-days").Locator("tbody tr")).ToHaveCountAsync(7);
        await Expect(page.GetByTestId("figure-followers")).ToContainTextAsync("1");
    }

    [Fact]
    public async Task An_empty_store_has_calm_posts_and_followers_pages_at_360_px()
    {
        var vendor = await NewVendorAsync("Nothing Posted Yet");
        var page = await browser.SignInAsync(app, vendor.Email, width: 360, height: 740);

        await page.GotoAsync("/posts");
        await Expect(page.GetByText("No posts yet.")).ToBeVisibleAsync();
        await Expect(page.GetByText("No live stories.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New post" }).ClickAsync();
        await Expect(page.GetByText("No products on sale to tag yet.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);
        Assert.False(await ScrollsSidewaysAsync(page), "the posts page scrolls sideways at 360 px");
        await page.ScreenshotAsync("dashboard-posts-360px");

        await page.GotoAsync("/followers");
        await Expect(page.GetByTestId("figure-followers")).ToContainTextAsync("0");
        await Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);
        Assert.False(await ScrollsSidewaysAsync(page), "the followers page scrolls sideways at 360 px");
    }

    [Fact]
    public async Task The_menu_leads_to_posts_and_followers()
    {
        var vendor = await NewVendorAsync("Menu Walkers");
        var page = await browser.SignInAsync(app, vendor.Email);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Dashboard" });

        await nav.GetByRole(AriaRole.Link, new() { Name = "Posts & stories" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Posts & stories" })).ToBeVisibleAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = "Followers" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/followers$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Followers" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Media_uploads_are_for_vendors_and_only_take_images()
    {
        var vendor = await NewVendorAsync("Upload Checks");
        var (_, buyerTokens) = await app.RegisterAndLoginAsync("buyer");
        var asBuyer = PurlApiClient.For<IVendorSocialApi>(app.CreateClient().WithBearer(buyerTokens.AccessToken));

        var (status, errors) = await CatalogTestKit.FailureAsync(() => vendor.Social.UploadMediaAsync(CatalogTestKit.Part("plain text"u8.ToArray()), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("file", errors.Keys);
        var forbidden = await Assert.ThrowsAnyAsync<ApiException>(() => asBuyer.UploadMediaAsync(CatalogTestKit.Part(CatalogTestKit.Image("jpg", 100, 100)), Ct));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var uploaded = await vendor.Social.UploadMediaAsync(CatalogTestKit.Part(CatalogTestKit.Image("jpg", 2400, 1200)), Ct);
        Assert.Matches("^/media/[0-9a-f]{64}\\.webp$", uploaded.Url);
        Assert.Equal((1080, 540), (uploaded.Width, uploaded.Height));
        using var thumbnail = await app.CreateClient().GetAsync(uploaded.ThumbnailUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
    }

    private sealed record Vendor(Guid VendorId, string Email, IVendorCatalogApi Catalog, IVendorSocialApi Social)
    {
        public async Task<OwnProductResponse> OnSaleAsync(string name, decimal price)
        {
            var created = await Catalog.CreateProductAsync(CatalogTestKit.Shoes(name, price), Ct);
            return await Catalog.PublishProductAsync(created.Id, Ct);
        }
    }

    private async Task<Vendor> NewVendorAsync(string storeName)
    {
        var (me, tokens) = await app.RegisterAndLoginAsync("vendor", storeName);
        var http = app.CreateClient().WithBearer(tokens.AccessToken);
        return new Vendor(me.VendorId!.Value, me.Email, PurlApiClient.For<IVendorCatalogApi>(http), PurlApiClient.For<IVendorSocialApi>(http));
    }

    private async Task<ISocialApi> BuyerAsync()
    {
        var (_, tokens) = await app.RegisterAndLoginAsync("buyer");
        return PurlApiClient.For<ISocialApi>(app.CreateClient().WithBearer(tokens.AccessToken));
    }

    private static FilePayload Photo(string name, string format = "jpg") => new()
    {
        Name = name, MimeType = format == "png" ? "image/png" : "image/jpeg", Buffer = CatalogTestKit.Image(format, 900, 900),
    };

    private static readonly TimeZoneInfo Nairobi = TimeZoneInfo.FindSystemTimeZoneById("Africa/Nairobi");

    private static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
}
