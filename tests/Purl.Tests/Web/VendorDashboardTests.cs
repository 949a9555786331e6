using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Purl.Core.Analytics;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Tests.Auth;
using Purl.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Purl.Tests.Web;

/// <summary>The vendor dashboard in a real browser, against a real API and a real Purl.Web process.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VendorDashboardTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_vendor_signs_in_and_the_overview_shows_todays_figures_in_KES()
    {
        var (vendor, email) = await RegisterVendorAsync("Kisumu Fish Mongers");
        await using (var db = app.CreateDbContext())
        {
            db.VendorDailyStats.Add(new VendorDailyStat
            {
                VendorId = vendor, Day = NairobiTime.Day(DateTimeOffset.UtcNow), Orders = 3, Revenue = 1500m, Views = 120, Likes = 9, NewFollowers = 4,
            });
            await db.SaveChangesAsync(Ct);
        }

        var page = await browser.SignInAsync(app, email);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("figure-revenue")).ToContainTextAsync("KES 1,500.00");
        await Expect(page.GetByTestId("figure-orders")).ToContainTextAsync("3");
        await Expect(page.GetByTestId("figure-conversion")).ToContainTextAsync("2.5%");
        await Expect(page.GetByTestId("figure-views")).ToContainTextAsync("120");
        await Expect(page.GetByTestId("figure-followers")).ToContainTextAsync("4");
        await page.ScreenshotAsync("dashboard-overview");

        await page.GetByRole(AriaRole.Button, new() { Name = "30 days" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "30 days" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("figure-revenue")).ToContainTextAsync("KES 1,500.00");
    }

    [Fact]
    public async Task An_empty_store_gets_a_calm_overview_not_an_error()
    {
        var (_, email) = await RegisterVendorAsync("Brand New Duka");

        var page = await browser.SignInAsync(app, email);

        await Expect(page.GetByTestId("figure-revenue")).ToContainTextAsync("KES 0.00");
        await Expect(page.GetByText("No sales or views in this range yet")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_buyer_is_told_the_dashboard_is_for_vendors()
    {
        var email = AuthClient.NewEmail("buyer");
        await app.Auth().RegisterAsync(new(email, AuthClient.Password, "buyer"), Ct);
        var context = await browser.NewContextAsync(baseUrl: app.WebAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AuthClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("buyer account");
        await page.GotoAsync("/orders");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }

    [Fact]
    public async Task A_wrong_password_is_said_in_place_and_nobody_is_signed_in()
    {
        var (_, email) = await RegisterVendorAsync("Careful Typists");
        var context = await browser.NewContextAsync(baseUrl: app.WebAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("not-the-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("Email or password is incorrect");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "purl.dashboard");
    }

    [Fact]
    public async Task A_new_order_appears_live_on_the_orders_page_and_never_on_another_vendors()
    {
        var (vendor, email) = await RegisterVendorAsync("Eldoret Dairy");
        var (rival, rivalEmail) = await RegisterVendorAsync("Rival Dairy");
        var page = await browser.SignInAsync(app, email);
        var rivalPage = await browser.SignInAsync(app, rivalEmail);
        await OpenOrdersAsync(page);
        await OpenOrdersAsync(rivalPage);

        var orderId = await RaiseOrderPlacedAsync(vendor, 2500m);

        var row = page.GetByTestId($"order-{orderId}");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("KES 2,500.00");
        await Expect(row).ToContainTextAsync("New");
        await Expect(page.GetByTestId("live-announcement")).ToContainTextAsync("New order, KES 2,500.00");
        await page.ScreenshotAsync("dashboard-orders-live");

        // The rival's own later order is the barrier: once it shows, a wrong delivery of the first would have too.
        var rivalOrderId = await RaiseOrderPlacedAsync(rival, 700m);
        await Expect(rivalPage.GetByTestId($"order-{rivalOrderId}")).ToBeVisibleAsync();
        await Expect(rivalPage.GetByTestId($"order-{orderId}")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId($"order-{rivalOrderId}")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_paid_order_is_accepted_and_shipped_from_the_orders_page()
    {
        var (vendor, email) = await RegisterVendorAsync("Thika Road Shoes");
        var orderId = await SeedPaidOrderAsync(vendor, "Leather sandals", 1200m, 2);
        var page = await browser.SignInAsync(app, email);
        await page.GotoAsync("/orders");
        var row = page.GetByTestId($"order-{orderId}");

        await Expect(row).ToContainTextAsync("Paid");
        await Expect(row).ToContainTextAsync("KES 2,400.00");
        await row.GetByRole(AriaRole.Button, new() { Name = "Details" }).ClickAsync();
        await Expect(row).ToContainTextAsync("2 × Leather sandals");
        await row.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "accepted");
        await row.GetByRole(AriaRole.Button, new() { Name = "Mark shipped" }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "shipped");

        await using var db = app.CreateDbContext();
        Assert.Equal(Purl.Core.Checkout.OrderStatus.Shipped, (await db.Orders.FindAsync([orderId], Ct))!.Status);
    }

    [Fact]
    public async Task At_360_px_the_menu_opens_and_takes_the_vendor_to_each_page()
    {
        var (_, email) = await RegisterVendorAsync("Small Screen Shop");
        var page = await browser.SignInAsync(app, email, width: 360, height: 740);
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Dashboard" });

        await Expect(nav).ToBeHiddenAsync();
        await menu.ClickAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(nav).ToBeVisibleAsync();
        await page.ScreenshotAsync("dashboard-menu-360px");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Orders" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/orders$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Orders" })).ToBeVisibleAsync();
        await Expect(nav).ToBeHiddenAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the orders page scrolls sideways at 360 px");
    }

    [Fact]
    public async Task The_menu_is_reachable_with_the_keyboard_alone()
    {
        var (_, email) = await RegisterVendorAsync("Keyboard Crafts");
        var page = await browser.SignInAsync(app, email);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();

        var reached = false;
        for (var i = 0; i < 15 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''") == "Orders";
        }
        Assert.True(reached, "Tab never reached the Orders link");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Orders" })).ToBeVisibleAsync();
    }

    private async Task OpenOrdersAsync(IPage page)
    {
        await page.GotoAsync("/orders");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Orders" })).ToBeVisibleAsync();
        await Expect(page.Locator(".live-state.on")).ToBeVisibleAsync(); // joined the hub: notices from now on reach this page
    }

    private async Task<(Guid VendorId, string Email)> RegisterVendorAsync(string storeName)
    {
        var email = AuthClient.NewEmail("vendor");
        var me = await app.Auth().RegisterAsync(new(email, AuthClient.Password, "vendor", storeName), Ct);
        return (me.VendorId!.Value, email);
    }

    /// <summary>A paid order with one line, written as checkout and the IPN worker would leave it.</summary>
    private async Task<Guid> SeedPaidOrderAsync(Guid vendorId, string productName, decimal price, int quantity)
    {
        var (buyer, _) = await app.RegisterAndLoginAsync("buyer");
        await using var db = app.CreateDbContext();
        var vendor = await db.Vendors.FindAsync([vendorId], Ct);
        var product = new Purl.Core.Catalog.Product
        {
            VendorId = vendorId, CategoryId = Purl.Core.Catalog.BaseCategories.Shoes.Id, Name = productName, Price = price, Stock = 10, IsPublished = true,
        };
        var order = new Purl.Core.Checkout.Order
        {
            BuyerId = buyer.Id, VendorId = vendorId, VendorName = vendor!.Name, Status = Purl.Core.Checkout.OrderStatus.Paid, Total = price * quantity,
        };
        order.Items.Add(new Purl.Core.Checkout.OrderItem { OrderId = order.Id, ProductId = product.Id, ProductName = productName, UnitPrice = price, Quantity = quantity });
        db.Products.Add(product);
        db.Orders.Add(order);
        await db.SaveChangesAsync(Ct);
        return order.Id;
    }

    /// <summary>As checkout does: an <see cref="OrderPlaced"/> through the outbox, which the API pushes to the vendor hub.</summary>
    private async Task<Guid> RaiseOrderPlacedAsync(Guid vendorId, decimal total)
    {
        var orderId = Guid.CreateVersion7();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IOutbox>().Add(new OrderPlaced(orderId, vendorId, Guid.NewGuid(), total, "KES"));
        await scope.ServiceProvider.GetRequiredService<PurlDbContext>().SaveChangesAsync(Ct);
        return orderId;
    }
}
