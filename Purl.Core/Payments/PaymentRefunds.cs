using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Core.Payments.Pesapal;

namespace Purl.Core.Payments;

/// <summary>
/// Gives a refunding payment's money back through Pesapal's RefundRequest. Pesapal is asked for the status first, so
/// a refund it already accepted (a crash after its yes) is recorded, not requested twice; and Pesapal itself accepts one
/// refund per payment. Runs from <see cref="RefundIssuer"/> and, for stragglers, from reconciliation.
/// </summary>
public sealed partial class PaymentRefunds(PesapalClient pesapal, TimeProvider clock, ILogger<PaymentRefunds> logger)
{
    /// <returns>False when Pesapal could not be asked (try later).</returns>
    public async Task<bool> IssueAsync(PurlDbContext db, Guid paymentId, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId)
            .Select(p => new { p.Status, p.OrderTrackingId, p.ConfirmationCode, p.Amount, p.FailureReason }).FirstOrDefaultAsync(ct);
        if (payment is not { Status: PaymentStatus.Refunding } || payment.OrderTrackingId is null) return true;

        var status = await pesapal.GetTransactionStatusAsync(payment.OrderTrackingId, ct);
        if (status.Failure is not null) return false;
        if (status.Value!.State == PesapalPaymentState.Reversed)
        {
            await MarkRefundedAsync(db, paymentId, ct);
            return true;
        }
        var code = payment.ConfirmationCode ?? status.Value.ConfirmationCode;
        if (code is null)
        {
            LogNoCode(paymentId);
            return true;
        }

        var refund = await pesapal.RefundAsync(code, payment.Amount, payment.FailureReason ?? "Order cancelled", ct);
        if (refund.Failure is { Kind: PesapalFailureKind.Unavailable }) return false;
        if (refund.Failure is { } rejected)
        {
            LogRejected(paymentId, rejected.Message);
            await db.ExecuteAsync("UPDATE payments SET check_after = $2 WHERE id = $1 AND status = 'refunding'", ct,
                paymentId, clock.GetUtcNow() + TimeSpan.FromHours(1));
            return true;
        }
        await MarkRefundedAsync(db, paymentId, ct);
        return true;
    }

    private Task MarkRefundedAsync(PurlDbContext db, Guid paymentId, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE payments SET status = 'refunded', check_after = NULL, updated_at = $2 WHERE id = $1 AND status = 'refunding'",
            ct, paymentId, clock.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Error, Message = "Pesapal rejected the refund of payment {PaymentId}: {Reason}. Asked again in an hour; support may need to act")]
    private partial void LogRejected(Guid paymentId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment {PaymentId} must be refunded but has no confirmation code")]
    private partial void LogNoCode(Guid paymentId);
}

/// <summary>The refund worker: asks Pesapal to refund each <c>PaymentRefundRequested</c>, retried while Pesapal is unavailable.</summary>
public sealed class RefundIssuer(PaymentRefunds refunds) : IConsumer<PaymentRefundRequested>
{
    public async Task HandleAsync(PaymentRefundRequested message, ConsumeContext context, CancellationToken cancellationToken)
    {
        if (!await refunds.IssueAsync(context.Db, message.PaymentId, cancellationToken))
            throw new PesapalUnavailableException($"Refund of payment {message.PaymentId}: Pesapal unavailable.");
    }
}
