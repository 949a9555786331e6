using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Purl.Core.Analytics;
using Purl.Core.Checkout;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Core.Payments.Pesapal;

namespace Purl.Core.Payments;

/// <summary>
/// What Pesapal's answer about a payment means for the payment and its order, applied in the caller's transaction
/// (the IPN worker's, or reconciliation's). Every step is a transition from a named state, so a duplicate or late
/// answer changes nothing, and a completed payment never goes back. Locks: the order first, then the payment, then
/// stock (the same order as checkout, cancel and expiry).
/// </summary>
public sealed partial class PaymentSettlement(IOutbox outbox, IOptions<PaymentOptions> options, TimeProvider clock, ILogger<PaymentSettlement> logger)
{
    /// <returns>The payment's status afterwards; null when there is no such payment.</returns>
    public async Task<PaymentStatus?> ApplyAsync(PurlDbContext db, Guid paymentId, PesapalTransaction answer, CancellationToken ct)
    {
        var owner = await db.QueryAsync("SELECT order_id FROM payments WHERE id = $1", r => r.GetGuid(0), ct, paymentId);
        if (owner.Count == 0) return null;
        var order = (await db.QueryAsync("""
            SELECT status, vendor_id, buyer_id, total, currency FROM orders WHERE id = $1 FOR NO KEY UPDATE
            """, r => new LockedOrder(owner[0], EnumText<OrderStatus>.Parse(r.GetString(0)), r.GetGuid(1), r.GetGuid(2), r.GetDecimal(3), r.GetString(4).Trim()),
            ct, owner[0]))[0];
        var payment = (await db.QueryAsync("""
            SELECT status, amount FROM payments WHERE id = $1 FOR NO KEY UPDATE
            """, r => (Status: EnumText<PaymentStatus>.Parse(r.GetString(0)), Amount: r.GetDecimal(1)), ct, paymentId))[0];
        var now = clock.GetUtcNow();

        switch (answer.State)
        {
            case PesapalPaymentState.Completed when payment.Status is PaymentStatus.Pending or PaymentStatus.Failed or PaymentStatus.Initiating:
                return order.Status == OrderStatus.PendingPayment
                    ? await CompleteAsync(db, paymentId, order, answer, now, ct)
                    : await RefundAsync(db, paymentId, order, payment.Amount, answer, now, ct);

            case PesapalPaymentState.Failed or PesapalPaymentState.Invalid when payment.Status is PaymentStatus.Pending or PaymentStatus.Initiating:
                var reason = answer.Message ?? "The payment did not go through.";
                await db.ExecuteAsync("""
                    UPDATE payments SET status = 'failed', failure_reason = left($2, 300), check_after = NULL, updated_at = $3 WHERE id = $1
                    """, ct, paymentId, reason, now);
                // The reservation stays until it expires, so the buyer can try again.
                outbox.Add(new PaymentFailed(paymentId, order.Id, order.BuyerId, reason));
                return PaymentStatus.Failed;

            case PesapalPaymentState.Reversed when payment.Status == PaymentStatus.Refunding:
                await db.ExecuteAsync("UPDATE payments SET status = 'refunded', check_after = NULL, updated_at = $2 WHERE id = $1", ct, paymentId, now);
                return PaymentStatus.Refunded;

            case PesapalPaymentState.Reversed when payment.Status == PaymentStatus.Completed:
                LogUnexpectedReversal(paymentId);
                return payment.Status;

            case PesapalPaymentState.Pending when payment.Status == PaymentStatus.Pending:
                await db.ExecuteAsync("UPDATE payments SET check_after = $2 WHERE id = $1", ct, paymentId, now + options.Value.RecheckEvery);
                return payment.Status;

            default:
                return payment.Status;
        }
    }

    private async Task<PaymentStatus> CompleteAsync(PurlDbContext db, Guid paymentId, LockedOrder order, PesapalTransaction answer,
        DateTimeOffset now, CancellationToken ct)
    {
        await db.ExecuteAsync("""
            UPDATE payments SET status = 'completed', payment_method = $2, confirmation_code = $3, failure_reason = NULL,
                check_after = NULL, updated_at = $4
            WHERE id = $1
            """, ct, paymentId, answer.PaymentMethod, answer.ConfirmationCode, now);
        await db.ExecuteAsync("UPDATE orders SET status = 'paid', paid_at = $2, updated_at = $2 WHERE id = $1", ct, order.Id, now);
        var sold = await StockReservations.ConvertAsync(db, order.Id, ct);
        await VendorDailyFigures.AddOrderAsync(db, order.VendorId, now, 1, order.Total, ct);

        outbox.Add(new PaymentCompleted(paymentId, order.Id, order.BuyerId, order.Total, order.Currency, order.VendorId));
        outbox.Add(new OrderStatusChanged(order.Id, order.VendorId, order.BuyerId, EnumText<OrderStatus>.ToText(OrderStatus.Paid), order.Total, order.Currency));
        StockReservations.RaiseAvailabilityChanges(outbox, sold);
        return PaymentStatus.Completed;
    }

    /// <summary>Paid for an order that is cancelled (the hold expired) or already paid by another payment: the money goes back.</summary>
    private async Task<PaymentStatus> RefundAsync(PurlDbContext db, Guid paymentId, LockedOrder order, decimal amount, PesapalTransaction answer,
        DateTimeOffset now, CancellationToken ct)
    {
        var reason = order.Status == OrderStatus.Cancelled
            ? "The order was cancelled (its reservation had expired) before the payment completed."
            : "The order had already been paid by another payment.";
        await db.ExecuteAsync("""
            UPDATE payments SET status = 'refunding', payment_method = $2, confirmation_code = $3, failure_reason = $4,
                check_after = $5, updated_at = $6
            WHERE id = $1
            """, ct, paymentId, answer.PaymentMethod, answer.ConfirmationCode, reason, now + TimeSpan.FromMinutes(5), now);
        outbox.Add(new PaymentRefundRequested(paymentId, order.Id, order.BuyerId, amount, reason));
        LogRefunding(paymentId, order.Id, reason);
        return PaymentStatus.Refunding;
    }

    private sealed record LockedOrder(Guid Id, OrderStatus Status, Guid VendorId, Guid BuyerId, decimal Total, string Currency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pesapal reports completed payment {PaymentId} as reversed; Purl did not ask for it, so it is left for support")]
    private partial void LogUnexpectedReversal(Guid paymentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} completed for order {OrderId}, which cannot take it: refunding. {Reason}")]
    private partial void LogRefunding(Guid paymentId, Guid orderId, string reason);
}
