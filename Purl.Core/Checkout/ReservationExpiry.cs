using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Core.Payments;

namespace Purl.Core.Checkout;

/// <summary>
/// Every <see cref="PaymentOptions.ReservationSweepInterval"/>: orders still waiting for payment whose hold ran out are
/// cancelled and their stock released, in batches of <see cref="PaymentOptions.ReservationSweepBatch"/> orders, each
/// batch one transaction. Orders are locked with SKIP LOCKED, so a payment completing at that moment wins or loses
/// cleanly (and is refunded if it loses), and several workers share the work.
/// </summary>
public sealed partial class ReservationExpiry(
    IServiceScopeFactory scopes, IOptions<PaymentOptions> options, TimeProvider clock, ILogger<ReservationExpiry> logger) : PeriodicJob(logger)
{
    protected override TimeProvider Clock => clock;

    protected override TimeSpan Interval => options.Value.ReservationSweepInterval;

    protected override string Doing => "Releasing expired reservations";

    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        var released = await RunOnceAsync(ct);
        if (released > 0) LogReleased(released);
    }

    /// <returns>How many orders were cancelled.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PurlDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
            var batch = options.Value.ReservationSweepBatch;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var candidates = await db.QueryAsync("""
                SELECT DISTINCT order_id FROM reservations
                WHERE status = 'active' AND expires_at <= $1 AND order_id IS NOT NULL
                LIMIT $2
                """, r => r.GetGuid(0), ct, clock.GetUtcNow(), batch);
            if (candidates.Count == 0) return total;

            var orders = await db.QueryAsync("""
                WITH locked AS (
                    SELECT id FROM orders WHERE id = ANY($1) AND status = 'pending_payment' ORDER BY id FOR NO KEY UPDATE SKIP LOCKED)
                UPDATE orders o SET status = 'cancelled', cancel_reason = 'expired', updated_at = $2
                FROM locked WHERE o.id = locked.id
                RETURNING o.id, o.vendor_id, o.buyer_id, o.total, o.currency
                """, r => (Id: r.GetGuid(0), Vendor: r.GetGuid(1), Buyer: r.GetGuid(2), Total: r.GetDecimal(3), Currency: r.GetString(4).Trim()), ct, candidates.ToArray(), clock.GetUtcNow());
            var ids = orders.Select(o => o.Id).ToArray();
            var moves = await StockReservations.ReleaseAsync(db, ids, ReservationStatus.Expired, ct);
            // A payment still pending for these orders is looked at soon: cancelled at Pesapal, or refunded if it completes.
            await db.ExecuteAsync("UPDATE payments SET check_after = $2 WHERE order_id = ANY($1) AND status = 'pending'", ct, ids, clock.GetUtcNow());
            foreach (var order in orders)
                outbox.Add(new OrderStatusChanged(order.Id, order.Vendor, order.Buyer, EnumText<OrderStatus>.ToText(OrderStatus.Cancelled), order.Total, order.Currency));
            StockReservations.RaiseAvailabilityChanges(outbox, moves);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            total += orders.Count;
            // Nothing lockable (another worker has them) or a short batch: the next round picks up the rest.
            if (orders.Count == 0 || candidates.Count < batch) return total;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released the expired reservations of {Count} orders")]
    private partial void LogReleased(int count);
}
