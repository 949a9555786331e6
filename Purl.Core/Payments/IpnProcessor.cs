using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Core.Payments.Pesapal;

namespace Purl.Core.Payments;

/// <summary>
/// The IPN worker: for each recorded notification, asks Pesapal what really happened (GetTransactionStatus) and applies
/// it with <see cref="PaymentSettlement"/> in the runner's transaction, which also records the message as processed.
/// A duplicate or out-of-order IPN finds the payment already moved and changes nothing. Eight at once: most of each one
/// is waiting for Pesapal, and the settlement locks the order and payment rows, so two IPNs of one payment queue there.
/// </summary>
[ConcurrentDeliveries(8)]
public sealed partial class IpnProcessor(PesapalClient pesapal, PaymentSettlement settlement, ILogger<IpnProcessor> logger)
    : IConsumer<PaymentIpnReceived>
{
    public async Task HandleAsync(PaymentIpnReceived message, ConsumeContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var payment = await db.Payments.AsNoTracking().Where(p => p.OrderTrackingId == message.OrderTrackingId)
            .Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (payment is null)
        {
            if (await db.Payments.AnyAsync(p => p.MerchantReference == message.MerchantReference && p.Status == PaymentStatus.Initiating, cancellationToken))
                throw new InvalidOperationException($"Payment {message.MerchantReference} is still being started; its IPN is retried after that commits.");
            LogUnknown(message.OrderTrackingId, message.MerchantReference);
            await MarkAsync(db, message.IpnEventId, "unknown_payment", cancellationToken);
            return;
        }

        var answer = await pesapal.GetTransactionStatusAsync(message.OrderTrackingId, cancellationToken);
        if (answer.Failure is { } failure)
            // Retried with delays, then dead-lettered; reconciliation still finds the payment pending and asks again later.
            throw new PesapalUnavailableException($"GetTransactionStatus for {message.OrderTrackingId}: {failure.Code} {failure.Message}");

        var status = await settlement.ApplyAsync(db, payment.Value, answer.Value!, cancellationToken);
        await MarkAsync(db, message.IpnEventId, status is { } s ? EnumText<PaymentStatus>.ToText(s) : "unknown_payment", cancellationToken);
    }

    private static Task MarkAsync(PurlDbContext db, Guid ipnEventId, string outcome, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE ipn_events SET processed_at = now(), outcome = $2 WHERE id = $1", ct, ipnEventId, outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IPN for unknown tracking id {OrderTrackingId} (reference {MerchantReference}) ignored")]
    private partial void LogUnknown(string orderTrackingId, string merchantReference);
}

/// <summary>Pesapal could not be asked; the message is retried later.</summary>
public sealed class PesapalUnavailableException(string message) : Exception(message);
