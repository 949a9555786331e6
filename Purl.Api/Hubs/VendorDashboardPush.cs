using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Purl.Api.Client.Analytics;
using Purl.Core.Messaging;

namespace Purl.Api.Hubs;

/// <summary>
/// Pushes a store's new orders and payment results to its open dashboards. One API instance takes each event from
/// the queue; the backplane carries the push to the instance holding the connection. A push may repeat after a
/// redelivery (no record is kept of pushes made): dashboards key notices by order id.
/// </summary>
[AtLeastOnce]
public sealed class VendorDashboardPush(IHubContext<VendorHub> hub) :
    IConsumer<OrderPlaced>, IConsumer<PaymentCompleted>, IConsumer<OrderStatusChanged>
{
    public Task HandleAsync(OrderPlaced message, ConsumeContext context, CancellationToken ct) =>
        SendAsync(VendorHubMessages.OrderPlaced,
            new OrderNotice(message.OrderId, message.VendorId, "pending_payment", message.Total, message.Currency, DateTimeOffset.UtcNow), ct);

    public async Task HandleAsync(PaymentCompleted message, ConsumeContext context, CancellationToken ct)
    {
        var vendorId = message.VendorId != Guid.Empty
            ? message.VendorId
            : await context.Db.Orders.Where(o => o.Id == message.OrderId).Select(o => o.VendorId).SingleAsync(ct);
        await SendAsync(VendorHubMessages.PaymentCompleted,
            new OrderNotice(message.OrderId, vendorId, "paid", message.Amount, message.Currency, DateTimeOffset.UtcNow), ct);
    }

    public async Task HandleAsync(OrderStatusChanged message, ConsumeContext context, CancellationToken ct)
    {
        var (total, currency) = (message.Total, message.Currency);
        if (total is null || currency is null)
        {
            var order = await context.Db.Orders.AsNoTracking().Where(o => o.Id == message.OrderId)
                .Select(o => new { o.Total, o.Currency }).SingleAsync(ct);
            (total, currency) = (order.Total, order.Currency);
        }
        await SendAsync(VendorHubMessages.OrderStatusChanged,
            new OrderNotice(message.OrderId, message.VendorId, message.Status, total.Value, currency, DateTimeOffset.UtcNow), ct);
    }

    private Task SendAsync(string method, OrderNotice notice, CancellationToken ct) =>
        hub.Clients.Group(VendorHub.Group(notice.VendorId)).SendAsync(method, notice, ct);
}
