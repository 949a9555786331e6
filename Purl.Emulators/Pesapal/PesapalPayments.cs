namespace Purl.Emulators.Pesapal;

public enum SettleResult { Settled, NotFound, NotPending }

/// <summary>
/// What happens to an order after it was submitted, whoever asks (the payment page, the control API, the
/// merchant's refund or cancel call): the order's own rules decide, and a change is announced by IPN.
/// </summary>
public sealed class PesapalPayments(PesapalOrders orders, IpnSender ipns, TimeProvider clock)
{
    public (SettleResult Result, PesapalOrder? Order) Settle(Guid trackingId, bool paid, string? method, string? phone)
    {
        if (orders.Find(trackingId) is not { } order) return (SettleResult.NotFound, null);
        var chosen = method is not null && PaymentMethods.IsKnown(method) ? method : PaymentMethods.Mpesa;
        var payer = string.IsNullOrWhiteSpace(phone) ? order.Snapshot().PhoneNumber : phone;
        var payment = PaymentMethods.Describe(chosen, payer, paid);
        while (paid && !orders.TryReserveConfirmationCode(payment.ConfirmationCode, order))
            payment = PaymentMethods.Describe(chosen, payer, paid);

        if (!order.TrySettle(paid, payment, clock.GetUtcNow().UtcDateTime))
        {
            if (paid) orders.ReleaseConfirmationCode(payment.ConfirmationCode);
            return (SettleResult.NotPending, order);
        }

        ipns.Notify(order);
        return (SettleResult.Settled, order);
    }

    /// <summary>Null when the refund is accepted, else the reason it was rejected.</summary>
    public string? Refund(string confirmationCode, decimal amount, string username, string remarks)
    {
        if (orders.FindByConfirmationCode(confirmationCode) is not { } order)
            return $"No completed payment has the confirmation code '{confirmationCode}'.";
        var rejection = order.TryRefund(amount, username, remarks, clock.GetUtcNow().UtcDateTime);
        if (rejection is null) ipns.Notify(order);
        return rejection;
    }

    /// <summary>Null when cancelled, else the reason it was not.</summary>
    public string? Cancel(Guid trackingId) =>
        orders.Find(trackingId) is { } order ? order.TryCancel() : $"No order has the tracking id '{trackingId}'.";
}
