namespace Purl.Emulators.Pesapal;

public enum OrderState { Pending, Completed, Failed, Reversed, Cancelled }

public sealed record PaymentDetails(string Method, string Account, string ConfirmationCode);

public sealed record RefundRecord(decimal Amount, string Username, string Remarks, DateTime RequestedAt);

/// <summary>A copy of an order taken under its lock, for answers that must not see a half-made change.</summary>
public sealed record OrderSnapshot(
    Guid TrackingId,
    string MerchantReference,
    decimal Amount,
    string Currency,
    string Description,
    string CallbackUrl,
    string? CancellationUrl,
    Guid NotificationId,
    string? PhoneNumber,
    string? EmailAddress,
    DateTime CreatedDate,
    OrderState State,
    PaymentDetails? Payment,
    DateTime? SettledAt,
    RefundRecord? Refund);

/// <summary>
/// One order and the rules of its life: pending → completed or failed; completed → reversed by one refund;
/// pending or failed → cancelled. Each order has its own lock, so orders never wait on one another.
/// </summary>
public sealed class PesapalOrder(
    Guid trackingId,
    string merchantReference,
    decimal amount,
    string currency,
    string description,
    string callbackUrl,
    string? cancellationUrl,
    IpnRegistration ipn,
    BillingAddress billing,
    DateTime createdDate)
{
    private readonly Lock _gate = new();
    private OrderState _state = OrderState.Pending;
    private PaymentDetails? _payment;
    private DateTime? _settledAt;
    private RefundRecord? _refund;

    public Guid TrackingId { get; } = trackingId;
    public string MerchantReference { get; } = merchantReference;
    public decimal Amount { get; } = amount;
    public IpnRegistration Ipn { get; } = ipn;
    public DateTime CreatedDate { get; } = createdDate;

    public OrderSnapshot Snapshot()
    {
        lock (_gate)
            return new(TrackingId, MerchantReference, Amount, currency, description, callbackUrl, cancellationUrl, Ipn.IpnId,
                billing.PhoneNumber, billing.EmailAddress, CreatedDate, _state, _payment, _settledAt, _refund);
    }

    /// <summary>The buyer paid (or failed to). Only a pending order changes; false means nothing happened.</summary>
    public bool TrySettle(bool paid, PaymentDetails payment, DateTime now)
    {
        lock (_gate)
        {
            if (_state != OrderState.Pending) return false;
            _state = paid ? OrderState.Completed : OrderState.Failed;
            _payment = payment;
            _settledAt = now;
            return true;
        }
    }

    /// <summary>Null when the refund is accepted (the order is then reversed), else why it was rejected.</summary>
    public string? TryRefund(decimal requested, string username, string remarks, DateTime now)
    {
        lock (_gate)
        {
            if (_state == OrderState.Reversed || _refund is not null) return "This payment has already been refunded.";
            if (_state != OrderState.Completed) return "Only completed payments can be refunded.";
            if (requested <= 0) return "The refund amount must be greater than zero.";
            if (requested > Amount) return $"The refund amount {requested} exceeds the amount paid ({Amount}).";
            if (PaymentMethods.IsMobileMoney(_payment!.Method) && requested != Amount)
                return "Mobile money payments can only be refunded in full.";

            _refund = new RefundRecord(requested, username, remarks, now);
            _state = OrderState.Reversed;
            return null;
        }
    }

    /// <summary>Null when cancelled, else why not.</summary>
    public string? TryCancel()
    {
        lock (_gate)
        {
            if (_state is not (OrderState.Pending or OrderState.Failed))
                return $"Only pending or failed orders can be cancelled; this one is {_state.ToString().ToLowerInvariant()}.";
            _state = OrderState.Cancelled;
            return null;
        }
    }
}
