namespace Purl.Api.Client.Orders;

public static class OrderRoutes
{
    public const string Orders = "/orders";
    public const string Order = "/orders/{id}";
    public const string Cancel = "/orders/{id}/cancel";
    public const string Payments = "/orders/{id}/payments";

    public const string VendorOrders = "/vendor/orders";
    public const string VendorAccept = "/vendor/orders/{id}/accept";
    public const string VendorShip = "/vendor/orders/{id}/ship";
    public const string VendorDeliver = "/vendor/orders/{id}/deliver";
    public const string VendorCancel = "/vendor/orders/{id}/cancel";

    /// <summary>Where Pesapal sends IPNs (GET or POST) and where it returns the buyer's browser.</summary>
    public const string PesapalIpn = "/payments/pesapal/ipn";
    public const string PesapalCallback = "/payments/pesapal/callback";

    /// <summary>The header that makes paying safe to retry: the same key returns the same payment.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";
}

/// <summary>Order statuses as the API spells them.</summary>
public static class OrderStatuses
{
    public const string PendingPayment = "pending_payment";
    public const string Paid = "paid";
    public const string Accepted = "accepted";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";
}

/// <summary>Payment statuses as the API spells them.</summary>
public static class PaymentStatuses
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Refunding = "refunding";
    public const string Refunded = "refunded";
}

public sealed record OrderItemResponse(Guid ProductId, Guid? VariantId, string ProductName, string? VariantName, decimal UnitPrice, int Quantity, decimal LineTotal);

/// <summary>The latest payment of an order, if any.</summary>
public sealed record OrderPaymentResponse(Guid PaymentId, string Status, string? RedirectUrl, string? PaymentMethod, string? ConfirmationCode);

/// <summary>
/// One vendor's order. <c>reservationExpiresAt</c> is set while the order waits for payment; <c>cancelReason</c> is
/// <c>buyer</c>, <c>vendor</c> or <c>expired</c> for a cancelled order.
/// </summary>
public sealed record OrderResponse(
    Guid Id,
    Guid BuyerId,
    Guid VendorId,
    string VendorName,
    string? VendorLogoUrl,
    string Status,
    decimal Total,
    string Currency,
    IReadOnlyList<OrderItemResponse> Items,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? ReservationExpiresAt,
    string? CancelReason,
    OrderPaymentResponse? Payment);

/// <summary>A page of orders, newest first; pass <c>nextCursor</c> back as <c>cursor</c> (null on the last page).</summary>
public sealed record OrderPage(IReadOnlyList<OrderResponse> Items, string? NextCursor);

/// <summary>
/// <c>method</c> is <c>mpesa</c> (the default) or <c>card</c>. M-Pesa needs a phone number (E.164, +2547…): the
/// account's, or this <c>phone</c>, which is then kept on an account that had none.
/// </summary>
public sealed record PayOrderRequest(string? Phone = null, string? Method = null);

/// <summary>201 when a payment was started, 200 with the same body for a replay of the same Idempotency-Key (or the pending payment another key started).</summary>
public sealed record PaymentResponse(Guid PaymentId, string Status, string? RedirectUrl);
