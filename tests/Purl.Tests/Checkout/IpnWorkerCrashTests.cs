using Purl.Api.Client.Orders;
using Purl.Tests.Infrastructure;
using Purl.Tests.Messaging;

namespace Purl.Tests.Checkout;

public sealed class IpnWorkerCrashTests(CheckoutAppWithoutWorkers app) : IClassFixture<CheckoutAppWithoutWorkers>
{
    private const string Queue = "purl.ipn-processor";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_the_ipn_worker_between_its_commit_and_its_ack_sells_the_stock_once()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 10);
        var marker = await app.AddProductAsync(vendor.Id, 100m, stock: 10, name: "Marker");
        var (buyer, order) = await app.CheckedOutAsync(shirt);
        var payment = await app.PayAsync(buyer, order.Id);
        await using var broker = await TestBroker.ConnectAsync(app.Resources.RabbitMq, Ct);

        await using (var first = WorkerProcess.Start(app.Resources, Settings(pauseAfterCommit: TimeSpan.FromMinutes(5))))
        {
            await broker.WaitForConsumerAsync(Queue, Ct, () => first.Output.Text());
            await app.Pesapal.CompleteAsync(await app.TrackingIdAsync(payment.PaymentId), Ct);
            await Eventually.HoldsAsync(async () => await app.OrderStatusAsync(order.Id) == OrderStatuses.Paid,
                TimeSpan.FromSeconds(60), $"the first worker commits the payment. Its output:\n{first.Output.Text()}", Ct);
            await first.KillAsync();
        }
        Assert.Equal(9, await app.StockAsync(shirt.Id));

        await using var second = WorkerProcess.Start(app.Resources, Settings(pauseAfterCommit: TimeSpan.Zero));
        await broker.WaitForConsumerAsync(Queue, Ct, () => second.Output.Text());
        // The unacknowledged IPN went back to the head of the queue, so it is redelivered with or before the marker's.
        var (markerBuyer, markerOrder) = await app.CheckedOutAsync(marker);
        var markerPayment = await app.PayAsync(markerBuyer, markerOrder.Id);
        await app.Pesapal.CompleteAsync(await app.TrackingIdAsync(markerPayment.PaymentId), Ct);
        await Eventually.HoldsAsync(async () => await app.OrderStatusAsync(markerOrder.Id) == OrderStatuses.Paid,
            TimeSpan.FromSeconds(60), $"the second worker handles the marker. Its output:\n{second.Output.Text()}", Ct);
        // The worker takes several IPNs at once, so the redelivered one may still be settling: it must end as a no-op.
        await Eventually.HoldsAsync(async () => await app.ScalarAsync("SELECT count(*) FROM processed_messages WHERE consumer = 'ipn-processor'") == 2,
            TimeSpan.FromSeconds(30), $"the redelivered IPN is recorded. Worker output:\n{second.Output.Text()}", Ct);

        Assert.Equal(9, await app.StockAsync(shirt.Id));
        Assert.Equal(1, await app.SoldAsync(shirt.Id));
        Assert.Equal(1, await app.EventsAsync("PaymentCompleted", payment.PaymentId));
        Assert.Equal(2, await app.ScalarAsync("SELECT orders FROM vendor_daily_stats WHERE vendor_id = $1", vendor.Id));
        Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM processed_messages WHERE consumer = 'ipn-processor'"));
        Assert.Equal(0u, (await broker.QueueAsync(Queue, Ct))!.MessageCount);
    }

    private Dictionary<string, string> Settings(TimeSpan pauseAfterCommit)
    {
        var settings = app.WorkerSettings().Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
        settings["Messaging:PauseAfterCommit"] = pauseAfterCommit.ToString("c");
        // Only the IPN worker may settle the payment here: reconciliation waits far longer than the test.
        settings["Payments:ReconcileAfter"] = "01:00:00";
        settings["Payments:ReconcileInterval"] = "01:00:00";
        return settings;
    }
}
