using Purl.Tests.Infrastructure;
using Microsoft.Playwright;
using Purl.Api.Client.Checkout;
using Purl.Api.Client.Orders;

namespace Purl.Tests.Checkout;

/// <summary>
/// The whole path as a buyer lives it, in a real browser (Debian's Chromium, headless): cart, checkout, pay on the
/// Pesapal emulator's page, back to Purl, and the order paid by the IPN that page sent.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserCheckoutTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    private const string Chromium = "/usr/bin/chromium";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_buyer_pays_on_the_pesapal_page_and_the_order_is_paid_with_the_stock_down_by_one()
    {
        var vendor = await app.AddVendorAsync("Mama Njeri Styles");
        var dress = await app.AddProductAsync(vendor.Id, 3_200m, stock: 7, name: "Ankara maxi dress");
        var buyer = (await app.AddUsersAsync(1))[0];
        var cart = app.CartOf(buyer);
        await cart.AddItemAsync(new AddCartItemRequest(dress.Id, null, 1), Ct);
        var order = (await cart.CheckoutAsync(Ct)).Orders.Single();
        var payment = await app.PayAsync(buyer, order.Id);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(payment.RedirectUrl!);
        Assert.Equal("3,200.00", (await page.TextContentAsync("#amount"))?.Trim());
        Assert.Equal($"PURL-{payment.PaymentId:N}", (await page.TextContentAsync("#merchant-reference"))?.Trim());

        await page.ClickAsync("#pay");
        await page.WaitForAddressAsync(url => url.StartsWith(app.BaseAddress + OrderRoutes.PesapalCallback.TrimStart('/'), StringComparison.Ordinal));
        Assert.Contains("Thank you", await page.TextContentAsync("h1"));

        await app.OrderBecomesAsync(order.Id, OrderStatuses.Paid);
        Assert.Equal(6, await app.StockAsync(dress.Id));
        Assert.Equal(OrderStatuses.Paid, (await app.OrdersOf(buyer).GetAsync(order.Id, Ct)).Status);
    }
}
