using Purl.Core.Analytics;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Core.Payments;

namespace Purl.Core.Checkout;

/// <summary>What a vendor can do with an order: paid → accepted → shipped → delivered, or cancel before it ships.</summary>
public enum VendorAction { Accept, Ship, Deliver, Cancel }

/// <summary>
/// The moves of an order after checkout, each one transaction that locks the order row first (then payments, then
/// stock, as everywhere) and raises <c>OrderStatusChanged</c>. Cancelling releases what the order holds: the
/// reservation of an unpaid order, or the sold units of a paid one, whose payment is then refunded.
/// </summary>
public sealed class OrderLifecycle(PurlDbContext db, IOutbox outbox, OrderQueries queries, TimeProvider clock)
{
    private static readonly IReadOnlyDictionary<VendorAction, (OrderStatus[] From, OrderStatus To)> VendorMoves =
        new Dictionary<VendorAction, (OrderStatus[], OrderStatus)>
        {
            [VendorAction.Accept] = ([OrderStatus.Paid], OrderStatus.Accepted),
            [VendorAction.Ship] = ([OrderStatus.Accepted], OrderStatus.Shipped),
            [VendorAction.Deliver] = ([OrderStatus.Shipped], OrderStatus.Delivered),
            [VendorAction.Cancel] = ([OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Accepted], OrderStatus.Cancelled),
        };

    /// <summary>The buyer cancels an order that is still waiting for payment; the reservation is released at once.</summary>
    public Task<Outcome<OrderView>> CancelByBuyerAsync(Guid buyerId, Guid orderId, CancellationToken ct) =>
        MoveAsync(orderId, o => o.BuyerId == buyerId, [OrderStatus.PendingPayment], OrderStatus.Cancelled, "buyer",
            "Only an order waiting for payment can be cancelled; ask the store to cancel a paid one.", ct);

    public Task<Outcome<OrderView>> ActAsVendorAsync(Guid vendorId, Guid orderId, VendorAction action, CancellationToken ct)
    {
        var (from, to) = VendorMoves[action];
        var allowed = string.Join(" or ", from.Select(EnumText<OrderStatus>.ToText));
        return MoveAsync(orderId, o => o.VendorId == vendorId, from, to, action == VendorAction.Cancel ? "vendor" : null,
            $"Only a {allowed} order can be {(action == VendorAction.Cancel ? "cancelled" : EnumText<OrderStatus>.ToText(to))}.", ct);
    }

    private async Task<Outcome<OrderView>> MoveAsync(Guid orderId, Func<LockedOrder, bool> owns, OrderStatus[] from, OrderStatus to,
        string? cancelReason, string refusal, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.QueryAsync("""
            SELECT status, buyer_id, vendor_id, total, paid_at, currency FROM orders WHERE id = $1 FOR NO KEY UPDATE
            """, r => new LockedOrder(EnumText<OrderStatus>.Parse(r.GetString(0)), r.GetGuid(1), r.GetGuid(2), r.GetDecimal(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4), r.GetString(5).Trim()), ct, orderId);
        if (locked.Count == 0 || !owns(locked[0])) return new Problem(ProblemKind.NotFound, "No such order.");
        var order = locked[0];
        if (!from.Contains(order.Status))
            return new Problem(ProblemKind.Conflict, $"This order is {EnumText<OrderStatus>.ToText(order.Status)}.", refusal);

        var now = clock.GetUtcNow();
        await db.ExecuteAsync("UPDATE orders SET status = $2, cancel_reason = $3, updated_at = $4 WHERE id = $1",
            ct, orderId, EnumText<OrderStatus>.ToText(to), cancelReason, now);
        if (to == OrderStatus.Cancelled)
            await ReleaseAsync(orderId, order, now, ct);
        outbox.Add(new OrderStatusChanged(orderId, order.VendorId, order.BuyerId, EnumText<OrderStatus>.ToText(to), order.Total, order.Currency));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (await queries.FindAsync(orderId, ct))!;
    }

    private async Task ReleaseAsync(Guid orderId, LockedOrder order, DateTimeOffset now, CancellationToken ct)
    {
        if (order.Status == OrderStatus.PendingPayment)
        {
            var moves = await StockReservations.ReleaseAsync(db, [orderId], ReservationStatus.Released, ct);
            StockReservations.RaiseAvailabilityChanges(outbox, moves);
            // A payment still pending is looked at soon: cancelled at Pesapal, or refunded if it completes after all.
            await db.ExecuteAsync("UPDATE payments SET check_after = $2 WHERE order_id = $1 AND status = 'pending'", ct, orderId, now);
            return;
        }

        // Paid: the units go back on the shelf, the day's figures lose the order, and the buyer gets the money back.
        var restocked = await StockReservations.RestockAsync(db, orderId, ct);
        StockReservations.RaiseAvailabilityChanges(outbox, restocked);
        await VendorDailyFigures.AddOrderAsync(db, order.VendorId, order.PaidAt ?? now, -1, -order.Total, ct);
        const string reason = "The store cancelled the order.";
        var refunding = await db.QueryAsync("""
            UPDATE payments SET status = 'refunding', failure_reason = $2, check_after = $3, updated_at = $4
            WHERE order_id = $1 AND status = 'completed'
            RETURNING id, amount
            """, r => (Id: r.GetGuid(0), Amount: r.GetDecimal(1)), ct, orderId, reason, now + TimeSpan.FromMinutes(5), now);
        foreach (var payment in refunding)
            outbox.Add(new PaymentRefundRequested(payment.Id, orderId, order.BuyerId, payment.Amount, reason));
    }

    private sealed record LockedOrder(OrderStatus Status, Guid BuyerId, Guid VendorId, decimal Total, DateTimeOffset? PaidAt, string Currency);
}
