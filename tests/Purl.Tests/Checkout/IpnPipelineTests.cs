using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Purl.Api.Client;
using Purl.Api.Client.Catalog;
using Purl.Api.Client.Orders;
using Purl.Core.Checkout;
using Purl.Core.Payments;
using Purl.Tests.Messaging;

namespace Purl.Tests.Checkout;

public sealed class IpnPipelineTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_payment_completed_at_pesapal_marks_the_order_paid_and_turns_the_hold_into_a_sale()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 10);
        var (buyer, order) = await app.CheckedOutAsync(shirt, quantity: 2);
        var payment = await app.PayAsync(buyer, order.Id);

        await app.Pesapal.CompleteAsync(await app.TrackingIdAsync(payment.PaymentId), Ct);
        await app.OrderBecomesAsync(order.Id, OrderStatuses.Paid);

        Assert.Equal(8, await app.StockAsync(shirt.Id));
        Assert.Equal(0, await app.ReservedAsync(shirt.Id));
        Assert.Equal(2, await app.SoldAsync(shirt.Id));
        var seen = await app.OrdersOf(buyer).GetAsync(order.Id, Ct);
        Assert.Equal(PaymentStatuses.Completed, seen.Payment!.Status);
        Assert.NotNull(seen.Payment.ConfirmationCode);
        Assert.NotNull(seen.PaidAt);
        Assert.Null(seen.ReservationExpiresAt);
        Assert.Equal(1, await app.EventsAsync("PaymentCompleted", payment.PaymentId));
        Assert.Equal(1, await app.EventsAsync("OrderStatusChanged", order.Id));
        // 8 of 10 were free before and after: nothing buyers see of the product changed, so no event for it.
        Assert.Equal(0, await app.EventsAsync("ProductChanged", shirt.Id));
        Assert.Equal(1, await app.ScalarAsync("SELECT orders FROM vendor_daily_stats WHERE vendor_id = $1", vendor.Id));
        Assert.Equal(3_000, await app.ScalarAsync("SELECT revenue::bigint FROM vendor_daily_stats WHERE vendor_id = $1", vendor.Id));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM ipn_events WHERE order_tracking_id = $1 AND outcome = 'completed'",
            await app.TrackingIdAsync(payment.PaymentId)));
    }

    [Fact]
    public async Task Holding_the_last_unit_shows_the_product_sold_out_at_once_and_paying_for_it_raises_nothing_more()
    {
        var vendor = await app.AddVendorAsync();
        var lamp = await app.AddProductAsync(vendor.Id, 2_400m, stock: 1, name: "Solar lamp");
        var (buyer, order) = await app.CheckedOutAsync(lamp);

        Assert.Equal("stock", await app.TextAsync(
            "SELECT string_agg(payload->>'change', ',') FROM outbox_messages WHERE type = 'ProductChanged' AND (payload->>'productId')::uuid = $1", lamp.Id));
        var page = await PurlApiClient.For<ICatalogApi>(app.CreateClient()).GetProductAsync(lamp.Id, Ct);
        Assert.False(page.InStock);
        Assert.Equal(1, await app.StockAsync(lamp.Id));

        var payment = await app.PayAsync(buyer, order.Id);
        await app.Pesapal.CompleteAsync(await app.TrackingIdAsync(payment.PaymentId), Ct);
        await app.OrderBecomesAsync(order.Id, OrderStatuses.Paid);

        Assert.Equal(0, await app.StockAsync(lamp.Id));
        Assert.Equal(1, await app.EventsAsync("ProductChanged", lamp.Id));
    }

    [Fact]
    public async Task Duplicate_ipns_settle_the_payment_once()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 10);
        var (buyer, order) = await app.CheckedOutAsync(shirt);
        var payment = await app.PayAsync(buyer, order.Id);
        var trackingId = await app.TrackingIdAsync(payment.PaymentId);
        await app.Pesapal.SetIpnModeAsync(trackingId, EmulatorControl.Duplicate, Ct);

        await app.Pesapal.CompleteAsync(trackingId, Ct);
        await Eventually.HoldsAsync(async () => await app.ScalarAsync(
                "SELECT count(*) FROM ipn_events WHERE order_tracking_id = $1 AND processed_at IS NOT NULL", trackingId) == 2,
            TimeSpan.FromSeconds(30), "both copies of the IPN are processed", Ct);

        Assert.Equal(OrderStatuses.Paid, await app.OrderStatusAsync(order.Id));
        Assert.Equal(9, await app.StockAsync(shirt.Id));
        Assert.Equal(1, await app.SoldAsync(shirt.Id));
        Assert.Equal(1, await app.EventsAsync("PaymentCompleted", payment.PaymentId));
        Assert.Equal(1, await app.ScalarAsync("SELECT orders FROM vendor_daily_stats WHERE vendor_id = $1", vendor.Id));
    }

    [Fact]
    public async Task Stale_and_repeated_ipns_after_a_failure_and_a_retry_change_nothing_and_a_completed_payment_stays_completed()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 10);
        var (buyer, order) = await app.CheckedOutAsync(shirt);
        var failed = await app.PayAsync(buyer, order.Id);
        var failedTracking = await app.TrackingIdAsync(failed.PaymentId);
        await app.Pesapal.SetIpnModeAsync(failedTracking, EmulatorControl.Lost, Ct);
        await app.Pesapal.FailAsync(failedTracking, Ct);
        // Pesapal's own IPN was lost; two copies arrive at once from somewhere else.
        await Task.WhenAll(SendIpnAsync(failedTracking, failed.PaymentId, HttpMethod.Post), SendIpnAsync(failedTracking, failed.PaymentId, HttpMethod.Get));
        await app.PaymentBecomesAsync(failed.PaymentId, PaymentStatuses.Failed);
        Assert.Equal(1, await app.ReservedAsync(shirt.Id)); // the hold stays so the buyer can try again

        var retried = await app.PayAsync(buyer, order.Id);
        Assert.NotEqual(failed.PaymentId, retried.PaymentId);
        var retriedTracking = await app.TrackingIdAsync(retried.PaymentId);
        await app.Pesapal.SetIpnModeAsync(retriedTracking, EmulatorControl.Lost, Ct);
        await app.Pesapal.CompleteAsync(retriedTracking, Ct);
        await SendIpnAsync(retriedTracking, retried.PaymentId, HttpMethod.Post);
        await app.OrderBecomesAsync(order.Id, OrderStatuses.Paid);
        // Late: the old failure again, and the completion again.
        await SendIpnAsync(failedTracking, failed.PaymentId, HttpMethod.Post);
        await SendIpnAsync(retriedTracking, retried.PaymentId, HttpMethod.Get);
        await Eventually.HoldsAsync(async () => await app.ScalarAsync(
                "SELECT count(*) FROM ipn_events WHERE order_tracking_id IN ($1, $2) AND processed_at IS NOT NULL", failedTracking, retriedTracking) == 5,
            TimeSpan.FromSeconds(30), "every IPN is processed", Ct);

        Assert.Equal(PaymentStatuses.Failed, await app.PaymentStatusAsync(failed.PaymentId));
        Assert.Equal(PaymentStatuses.Completed, await app.PaymentStatusAsync(retried.PaymentId));
        Assert.Equal(OrderStatuses.Paid, await app.OrderStatusAsync(order.Id));
        Assert.Equal(9, await app.StockAsync(shirt.Id));
        Assert.Equal(1, await app.SoldAsync(shirt.Id));
        Assert.Equal(1, await app.EventsAsync("PaymentFailed", failed.PaymentId));
        Assert.Equal(1, await app.EventsAsync("PaymentCompleted", retried.PaymentId));
        Assert.Equal(0, await app.EventsAsync("PaymentCompleted", failed.PaymentId));
    }

    [Fact]
    public async Task A_lost_ipn_does_not_lose_the_sale_reconciliation_finds_it()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 10);
        var (buyer, order) = await app.CheckedOutAsync(shirt);
        var payment = await app.PayAsync(buyer, order.Id);
        var trackingId = await app.TrackingIdAsync(payment.PaymentId);
        await app.Pesapal.SetIpnModeAsync(trackingId, EmulatorControl.Lost, Ct);
        await app.Pesapal.CompleteAsync(trackingId, Ct);
        var reconciliation = app.Workers.GetRequiredService<PaymentReconciliation>();

        await Eventually.HoldsAsync(async () =>
        {
            await reconciliation.RunOnceAsync(Ct);
            return await app.OrderStatusAsync(order.Id) == OrderStatuses.Paid;
        }, TimeSpan.FromSeconds(30), "reconciliation settles the payment whose IPN was lost", Ct);

        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM ipn_events WHERE order_tracking_id = $1", trackingId));
        Assert.Equal(9, await app.StockAsync(shirt.Id));
        Assert.Equal(1, await app.EventsAsync("PaymentCompleted", payment.PaymentId));
    }

    [Fact]
    public async Task A_payment_that_completes_after_the_hold_expired_cancels_the_order_and_is_refunded()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 10);
        var (buyer, order) = await app.CheckedOutAsync(shirt);
        var payment = await app.PayAsync(buyer, order.Id);
        var trackingId = await app.TrackingIdAsync(payment.PaymentId);
        // Fifteen minutes pass while the buyer dithers on the payment page.
        await app.ScalarAsync("UPDATE reservations SET expires_at = now() - interval '1 second' WHERE order_id = $1", order.Id);
        Assert.Equal(1, await app.Workers.GetRequiredService<ReservationExpiry>().RunOnceAsync(Ct));
        Assert.Equal(OrderStatuses.Cancelled, await app.OrderStatusAsync(order.Id));
        Assert.Equal(0, await app.ReservedAsync(shirt.Id));

        await app.Pesapal.CompleteAsync(trackingId, Ct);
        await app.PaymentBecomesAsync(payment.PaymentId, PaymentStatuses.Refunded);

        Assert.Equal("reversed", (await app.Pesapal.OrderAsync(trackingId, Ct)).GetProperty("state").GetString());
        Assert.Equal(OrderStatuses.Cancelled, await app.OrderStatusAsync(order.Id));
        Assert.Equal("expired", (await app.OrdersOf(buyer).GetAsync(order.Id, Ct)).CancelReason);
        Assert.Equal(10, await app.StockAsync(shirt.Id));
        Assert.Equal(0, await app.SoldAsync(shirt.Id));
        Assert.Equal(0, await app.EventsAsync("PaymentCompleted", payment.PaymentId));
    }

    [Fact]
    public async Task The_ipn_endpoint_answers_in_pesapals_format_for_get_and_post_and_refuses_a_notification_without_a_tracking_id()
    {
        using var http = app.CreateClient();
        var trackingId = Guid.NewGuid().ToString();

        using var get = await http.GetAsync($"{OrderRoutes.PesapalIpn}?OrderTrackingId={trackingId}&OrderMerchantReference=PURL-x&OrderNotificationType=IPNCHANGE", Ct);
        using var post = await http.PostAsJsonAsync(OrderRoutes.PesapalIpn,
            new Dictionary<string, string> { ["OrderTrackingId"] = trackingId, ["OrderMerchantReference"] = "PURL-x", ["OrderNotificationType"] = "IPNCHANGE" }, Ct);
        using var empty = await http.PostAsJsonAsync(OrderRoutes.PesapalIpn, new Dictionary<string, string>(), Ct);

        foreach (var response in new[] { get, post })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($$"""{"orderNotificationType":"IPNCHANGE","orderTrackingId":"{{trackingId}}","orderMerchantReference":"PURL-x","status":200}""",
                await response.Content.ReadAsStringAsync(Ct));
        }
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(500, JsonDocument.Parse(await empty.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("status").GetInt32());
        // Unknown to Purl: recorded, looked at once, and ignored.
        await Eventually.HoldsAsync(async () => await app.ScalarAsync(
                "SELECT count(*) FROM ipn_events WHERE order_tracking_id = $1 AND outcome = 'unknown_payment'", trackingId) == 2,
            TimeSpan.FromSeconds(30), "both notifications are processed", Ct);
    }

    [Fact]
    public async Task A_burst_of_ipns_is_answered_and_recorded_each_once_with_its_event()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var trackingIds = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid().ToString()).ToList();

        var answers = await Task.WhenAll(trackingIds.Select(async id =>
        {
            using var response = await http.GetAsync($"{OrderRoutes.PesapalIpn}?OrderTrackingId={id}&OrderMerchantReference=PURL-burst&OrderNotificationType=IPNCHANGE", Ct);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        var ids = trackingIds.ToArray();
        Assert.Equal(300, await app.ScalarAsync("SELECT count(DISTINCT order_tracking_id) FROM ipn_events WHERE order_tracking_id = ANY($1)", (object)ids));
        Assert.Equal(300, await app.ScalarAsync("SELECT count(*) FROM ipn_events WHERE order_tracking_id = ANY($1)", (object)ids));
        Assert.Equal(300, await app.ScalarAsync("""
            SELECT count(*) FROM outbox_messages AS m JOIN ipn_events AS i ON i.id = (m.payload->>'ipnEventId')::uuid
            WHERE m.type = 'PaymentIpnReceived' AND i.order_tracking_id = ANY($1)
            """, (object)ids));
    }

    /// <summary>An IPN as Pesapal sends it, to the API's real address.</summary>
    private async Task SendIpnAsync(string trackingId, Guid paymentId, HttpMethod method)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var reference = $"PURL-{paymentId:N}";
        using var response = method == HttpMethod.Get
            ? await http.GetAsync($"{OrderRoutes.PesapalIpn}?OrderTrackingId={trackingId}&OrderMerchantReference={reference}&OrderNotificationType=IPNCHANGE", Ct)
            : await http.PostAsJsonAsync(OrderRoutes.PesapalIpn, new Dictionary<string, string>
            {
                ["OrderTrackingId"] = trackingId, ["OrderMerchantReference"] = reference, ["OrderNotificationType"] = "IPNCHANGE",
            }, Ct);
        response.EnsureSuccessStatusCode();
    }
}
