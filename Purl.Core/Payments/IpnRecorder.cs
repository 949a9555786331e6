using Purl.Core.Data;
using Purl.Core.Messaging;

namespace Purl.Core.Payments;

/// <summary>
/// Takes an IPN as Pesapal sends it and only records it: the <c>ipn_events</c> row and its <c>PaymentIpnReceived</c>
/// event commit together, so Pesapal gets its answer at once and the IPN worker does the rest. An IPN is only a hint
/// (they are not signed): nothing here trusts it.
/// </summary>
public sealed class IpnRecorder(PurlDbContext db, IOutbox outbox)
{
    public async Task<Outcome<IpnEvent>> RecordAsync(string? trackingId, string? merchantReference, string? notificationType, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(trackingId)) errors.Add("OrderTrackingId", "OrderTrackingId is required.");
        else if (trackingId.Length > 100) errors.Add("OrderTrackingId", "OrderTrackingId is at most 100 characters.");
        if (merchantReference is { Length: > 50 }) errors.Add("OrderMerchantReference", "OrderMerchantReference is at most 50 characters.");
        if (notificationType is { Length: > 50 }) errors.Add("OrderNotificationType", "OrderNotificationType is at most 50 characters.");
        if (errors.Any) return errors.ToProblem();

        var ipn = new IpnEvent
        {
            OrderTrackingId = trackingId!.Trim(),
            OrderMerchantReference = merchantReference?.Trim(),
            NotificationType = notificationType?.Trim(),
        };
        db.IpnEvents.Add(ipn);
        outbox.Add(new PaymentIpnReceived(ipn.Id, ipn.OrderTrackingId, ipn.OrderMerchantReference ?? ""));
        await db.SaveChangesAsync(ct);
        return ipn;
    }
}
