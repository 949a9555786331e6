using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Purl.Core.Checkout;
using Purl.Core.Data;
using Purl.Core.Payments.Pesapal;

namespace Purl.Core.Payments;

/// <summary>
/// A lost IPN must not lose a sale: every <see cref="PaymentOptions.ReconcileInterval"/> this job asks Pesapal about
/// payments still pending after <see cref="PaymentOptions.ReconcileAfter"/> and applies the answer exactly as the IPN
/// worker would. It also retries refunds that did not go through, cancels at Pesapal the pending payments of orders
/// that were cancelled, and clears payments left <c>initiating</c> by a request that died. Batches are claimed with
/// SKIP LOCKED, so several workers share the work.
/// </summary>
public sealed partial class PaymentReconciliation(
    IServiceScopeFactory scopes, IOptions<PaymentOptions> options, TimeProvider clock, ILogger<PaymentReconciliation> logger) : PeriodicJob(logger)
{
    protected override TimeProvider Clock => clock;

    private const int Batch = 100;

    protected override TimeSpan Interval => options.Value.ReconcileInterval;

    protected override string Doing => "Reconciling payments with Pesapal";

    protected override Task RunRoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <returns>How many payments were looked at.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PurlDbContext>();
        var o = options.Value;
        await db.ExecuteAsync("DELETE FROM payments WHERE status = 'initiating' AND created_at < $1", ct, clock.GetUtcNow() - o.InitiatingTimeout);

        var due = await db.QueryAsync("""
            UPDATE payments SET check_after = $1 + $2
            WHERE id IN (SELECT id FROM payments WHERE status IN ('pending', 'refunding') AND check_after <= $1
                         ORDER BY check_after LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING id, status, order_tracking_id
            """, r => (Id: r.GetGuid(0), Status: EnumText<PaymentStatus>.Parse(r.GetString(1)), TrackingId: r.IsDBNull(2) ? null : r.GetString(2)),
            ct, clock.GetUtcNow(), o.RecheckEvery, Batch);

        foreach (var payment in due)
        {
            await using var paymentScope = scopes.CreateAsyncScope();
            var services = paymentScope.ServiceProvider;
            var pdb = services.GetRequiredService<PurlDbContext>();
            if (payment.Status == PaymentStatus.Refunding)
            {
                if (!await services.GetRequiredService<PaymentRefunds>().IssueAsync(pdb, payment.Id, ct)) break;
                continue;
            }
            if (payment.TrackingId is null) continue;
            var pesapal = services.GetRequiredService<PesapalClient>();
            var answer = await pesapal.GetTransactionStatusAsync(payment.TrackingId, ct);
            if (answer.Failure is not null) break; // Pesapal is down: the rest wait for the next round

            await using (var transaction = await pdb.Database.BeginTransactionAsync(ct))
            {
                var status = await services.GetRequiredService<PaymentSettlement>().ApplyAsync(pdb, payment.Id, answer.Value!, ct);
                await pdb.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                if (status is not PaymentStatus.Pending) LogSettled(payment.Id, status);
            }
            if (answer.Value!.State == PesapalPaymentState.Pending)
                await CancelIfOrderCancelledAsync(pdb, pesapal, payment.Id, payment.TrackingId, ct);
        }
        return due.Count;
    }

    /// <summary>A payment still pending for an order that was cancelled: Pesapal is told to drop it, so it can no longer be paid.</summary>
    private async Task CancelIfOrderCancelledAsync(PurlDbContext db, PesapalClient pesapal, Guid paymentId, string trackingId, CancellationToken ct)
    {
        var orderCancelled = await db.Payments.AnyAsync(p => p.Id == paymentId
            && db.Orders.Any(o => o.Id == p.OrderId && o.Status == OrderStatus.Cancelled), ct);
        if (!orderCancelled) return;
        var cancelled = await pesapal.CancelOrderAsync(trackingId, ct);
        if (cancelled.Failure is not null) return; // paid meanwhile, or Pesapal down: the next look decides
        await db.ExecuteAsync("""
            UPDATE payments SET status = 'failed', failure_reason = 'The order was cancelled before it was paid.', check_after = NULL, updated_at = now()
            WHERE id = $1 AND status = 'pending'
            """, ct, paymentId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation settled payment {PaymentId}: {Status}")]
    private partial void LogSettled(Guid paymentId, PaymentStatus? status);
}
