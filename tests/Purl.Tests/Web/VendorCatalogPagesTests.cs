using Microsoft.Playwright;
using Purl.Api.Client;
using Purl.Api.Client.Catalog;
using Purl.Tests.Auth;
using Purl.Tests.Catalog;
using Purl.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Purl.Tests.Web;

/// <summary>Products and the store profile in a real browser; what the vendor does is checked through the API buyers use.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VendorCatalogPagesTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_vendor_creates_a_product_with_a_photo_publishes_it_and_buyers_find_it()
    {
        var email = await RegisterVendorAsync("Kitenge Corner");
        var page = await browser.SignInAsync(app, email);

        await page.GotoAsync("/products/new");
        await page.GetByLabel("Name").FillAsync("Kitenge wrap dress");
        await page.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Fashion" });
        await page.GetByLabel("Price (KES)").FillAsync("1500");
        await page.GetByLabel("Stock").FillAsync("3");
        await page.GetByLabel("Description").FillAsync("Hand-printed cotton, sizes 8 to 16.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await page.WaitForAddressAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/products/[0-9a-f-]{36}$"), () => app.WebLog);
        var id = Guid.Parse(page.Url[^36..]);
        // The editor keeps the product it created when the address changes to it (a reload would replace the file input).
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Kitenge wrap dress");

        await page.GetByLabel("Add a photo").SetInputFilesAsync(new FilePayload
        {
            Name = "kitenge.jpg", MimeType = "image/jpeg", Buffer = CatalogTestKit.Image("jpg", 800, 600),
        });
        await Expect(page.Locator(".thumbs img")).ToHaveCountAsync(1);
        var src = await page.Locator(".thumbs img").GetAttributeAsync("src");
        await Expect(page.Locator(".thumbs img")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await page.Locator(".thumbs img").EvaluateAsync<int>("img => img.naturalWidth") > 0, $"the photo at {src} did not load");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Published");
        await page.ScreenshotAsync("dashboard-product-editor");

        var listed = await PurlApiClient.For<ICatalogApi>(app.CreateClient()).GetProductAsync(id, Ct);
        Assert.Equal("Kitenge wrap dress", listed.Name);
        Assert.Equal(1500m, listed.Price);
        Assert.Single(listed.Images);
        var image = await app.CreateClient().GetAsync(listed.Images[0].ThumbnailUrl, Ct);
        Assert.True(image.IsSuccessStatusCode);

        await page.GotoAsync("/products");
        var card = page.GetByTestId($"product-{id}");
        await Expect(card).ToContainTextAsync("KES 1,500.00");
        await Expect(card).ToContainTextAsync("Low stock: 3 left");
        await Expect(card.Locator("img")).ToBeVisibleAsync();
        await page.ScreenshotAsync("dashboard-products");
    }

    [Fact]
    public async Task The_APIs_field_errors_show_under_the_inputs_they_name()
    {
        var email = await RegisterVendorAsync("Twin Variants");
        var page = await browser.SignInAsync(app, email);
        await page.GotoAsync("/products/new");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Expect(page.GetByText("Give the product a name.")).ToBeVisibleAsync();

        await page.GetByLabel("Name").FillAsync("Sandals");
        await page.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Shoes" });
        await page.GetByLabel("Price (KES)").FillAsync("900");
        // Let the form settle first: the messages of the failed attempt go as the fields change, and a click whose press
        // and release straddle that re-render (the button moves up) is no click. Then one row at a time, as a person would.
        await page.GetByLabel("Price (KES)").PressAsync("Tab");
        await Expect(page.GetByText("Give the product a name.")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a variant" }).ClickAsync();
        await Expect(page.Locator("#variant-name-0")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a variant" }).ClickAsync();
        await Expect(page.Locator("#variant-name-1")).ToBeVisibleAsync();
        await page.Locator("#variant-name-0").FillAsync("Size 40");
        await page.Locator("#variant-stock-0").FillAsync("2");
        await page.Locator("#variant-name-1").FillAsync("Size 40");
        await page.Locator("#variant-stock-1").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();

        await Expect(page.GetByTestId("variant-1")).ToContainTextAsync("Two variants have this name.");
        await Expect(page.GetByTestId("problem")).ToBeVisibleAsync();
        Assert.EndsWith("/products/new", page.Url);
    }

    [Fact]
    public async Task The_store_profile_saves_its_location_as_coordinates()
    {
        var email = await RegisterVendorAsync("Lamu Dhow Crafts");
        var page = await browser.SignInAsync(app, email);

        await page.GotoAsync("/store");
        await Expect(page.GetByLabel("Store name")).ToHaveValueAsync("Lamu Dhow Crafts");
        await page.GetByLabel("Description").FillAsync("Carved chests and dhow models from Lamu old town.");
        await page.GetByLabel("Town or city").FillAsync("Lamu");
        await page.GetByLabel("Latitude").FillAsync("-2.2717");
        await page.GetByLabel("Longitude").FillAsync("40.902");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await page.ScreenshotAsync("dashboard-store");

        var me = await LoginMeAsync(email);
        var store = await PurlApiClient.For<ICatalogApi>(app.CreateClient()).GetStorefrontAsync(me, Ct);
        Assert.Equal("Lamu", store.City);
        Assert.Equal(-2.2717, store.Location!.Lat, 4);
        Assert.Equal(40.902, store.Location.Lng, 4);
    }

    [Fact]
    public async Task An_empty_store_has_an_empty_products_page_not_an_error()
    {
        var email = await RegisterVendorAsync("Nothing Yet");
        var page = await browser.SignInAsync(app, email);

        await page.GotoAsync("/products");

        await Expect(page.GetByText("No products yet.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);
    }

    private async Task<string> RegisterVendorAsync(string storeName)
    {
        var email = AuthClient.NewEmail("vendor");
        await app.Auth().RegisterAsync(new(email, AuthClient.Password, "vendor", storeName), Ct);
        return email;
    }

    private async Task<Guid> LoginMeAsync(string email)
    {
        var tokens = await app.Auth().LoginAsync(new(email, AuthClient.Password), Ct);
        return (await app.AuthAs(tokens.AccessToken).GetMeAsync(Ct)).VendorId!.Value;
    }
}
