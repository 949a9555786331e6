using System.Net;
using Purl.Api.Client.Orders;
using Refit;

namespace Purl.Tests.Checkout;

public sealed class VendorOrderTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Buyer Buyer, Guid Order, Guid Payment)> PaidOrderAsync(Purl.Core.Catalog.Product product)
    {
        var (buyer, order) = await app.CheckedOutAsync(product);
        var payment = await app.PayAsync(buyer, order.Id);
        await app.Pesapal.CompleteAsync(await app.TrackingIdAsync(payment.PaymentId), Ct);
        await app.OrderBecomesAsync(order.Id, OrderStatuses.Paid);
        return (buyer, order.Id, payment.PaymentId);
    }

    [Fact]
    public async Task A_vendor_takes_a_paid_order_through_accepted_shipped_delivered_and_sees_only_their_own()
    {
        var vendor = await app.AddVendorAsync("Kariuki Crafts");
        var rival = await app.AddVendorAsync("Wanjiru Beads");
        var basket = await app.AddProductAsync(vendor.Id, 2_000m, stock: 5, name: "Kiondo basket");
        var (_, order, _) = await PaidOrderAsync(basket);
        var mine = app.VendorOrdersOf(vendor);
        var theirs = app.VendorOrdersOf(rival);

        Assert.Equal([order], (await mine.ListAsync(OrderStatuses.Paid, ct: Ct)).Items.Select(o => o.Id));
        Assert.Empty((await theirs.ListAsync(ct: Ct)).Items);
        var notTheirs = await Assert.ThrowsAnyAsync<ApiException>(() => theirs.AcceptAsync(order, Ct));
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        var tooEarly = await Assert.ThrowsAnyAsync<ApiException>(() => mine.ShipAsync(order, Ct));
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);

        Assert.Equal(OrderStatuses.Accepted, (await mine.AcceptAsync(order, Ct)).Status);
        Assert.Equal(OrderStatuses.Shipped, (await mine.ShipAsync(order, Ct)).Status);
        Assert.Equal(OrderStatuses.Delivered, (await mine.DeliverAsync(order, Ct)).Status);

        Assert.Equal([order], (await mine.ListAsync(OrderStatuses.Delivered, ct: Ct)).Items.Select(o => o.Id));
        Assert.Empty((await mine.ListAsync(OrderStatuses.Paid, ct: Ct)).Items);
        Assert.Equal(4, await app.EventsAsync("OrderStatusChanged", order)); // paid, accepted, shipped, delivered
        var cannotCancel = await Assert.ThrowsAnyAsync<ApiException>(() => mine.CancelAsync(order, Ct));
        Assert.Equal(HttpStatusCode.Conflict, cannotCancel.StatusCode);
        var badStatus = await Assert.ThrowsAnyAsync<ValidationApiException>(() => mine.ListAsync("lost", ct: Ct));
        Assert.Contains("status", badStatus.Content!.Errors.Keys);
        var buyerToken = (await app.AddUsersAsync(1))[0];
        using var asBuyer = await app.ClientAs(buyerToken).GetAsync(OrderRoutes.VendorOrders, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, asBuyer.StatusCode);
    }

    [Fact]
    public async Task A_vendor_who_cancels_a_paid_order_puts_the_stock_back_and_the_buyer_is_refunded()
    {
        var vendor = await app.AddVendorAsync("Baraka Shoes");
        var boots = await app.AddProductAsync(vendor.Id, 4_500m, stock: 5, name: "Safari desert boots");
        var (buyer, order, payment) = await PaidOrderAsync(boots);
        Assert.Equal(4, await app.StockAsync(boots.Id));
        await app.VendorOrdersOf(vendor).AcceptAsync(order, Ct);

        var cancelled = await app.VendorOrdersOf(vendor).CancelAsync(order, Ct);

        Assert.Equal(OrderStatuses.Cancelled, cancelled.Status);
        Assert.Equal("vendor", cancelled.CancelReason);
        Assert.Equal(5, await app.StockAsync(boots.Id));
        Assert.Equal(0, await app.SoldAsync(boots.Id));
        await app.PaymentBecomesAsync(payment, PaymentStatuses.Refunded);
        Assert.Equal("reversed", (await app.Pesapal.OrderAsync(await app.TrackingIdAsync(payment), Ct)).GetProperty("state").GetString());
        Assert.Equal(0, await app.ScalarAsync("SELECT orders FROM vendor_daily_stats WHERE vendor_id = $1", vendor.Id));
        Assert.Equal(0, await app.ScalarAsync("SELECT revenue::bigint FROM vendor_daily_stats WHERE vendor_id = $1", vendor.Id));
        Assert.Equal(PaymentStatuses.Refunded, (await app.OrdersOf(buyer).GetAsync(order, Ct)).Payment!.Status);
    }
}
