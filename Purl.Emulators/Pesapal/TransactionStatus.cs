using Microsoft.AspNetCore.WebUtilities;

namespace Purl.Emulators.Pesapal;

/// <summary>
/// How GetTransactionStatus reports an order, in one place. Pending is status_code 0 with error
/// payment_details_not_found / "Pending Payment"; failures and non-payments come with body status "500",
/// as Pesapal sends them, inside an HTTP 200.
/// </summary>
public static class TransactionStatus
{
    public const int Invalid = 0;
    public const int Completed = 1;
    public const int Failed = 2;
    public const int Reversed = 3;

    public const string FailureReason = "Unable to authorize the transaction. The buyer did not complete the payment.";

    public static TransactionStatusResponse From(OrderSnapshot order)
    {
        (int code, string description, PesapalError? error) = order.State switch
        {
            OrderState.Completed => (Completed, "Completed", null),
            OrderState.Failed => (Failed, "Failed", PesapalError.Api("payment_failed", FailureReason)),
            OrderState.Reversed => (Reversed, "Reversed", null),
            OrderState.Cancelled => (Invalid, "INVALID", PesapalError.Api("order_cancelled", "The order was cancelled.")),
            _ => (Invalid, "INVALID", PesapalError.Api("payment_details_not_found", "Pending Payment")),
        };

        return new TransactionStatusResponse(
            PaymentMethod: order.Payment?.Method ?? "",
            Amount: order.Amount,
            CreatedDate: order.CreatedDate,
            ConfirmationCode: order.Payment?.ConfirmationCode ?? "",
            OrderTrackingId: order.TrackingId,
            PaymentStatusDescription: description,
            Description: order.State == OrderState.Failed ? FailureReason : order.Description,
            Message: "Request processed successfully",
            PaymentAccount: order.Payment?.Account ?? "",
            CallBackUrl: CallbackUrl(order, notificationType: null),
            StatusCode: code,
            MerchantReference: order.MerchantReference,
            PaymentStatusCode: "",
            Currency: order.Currency,
            Error: error,
            Status: error is null ? "200" : "500");
    }

    /// <summary>The order's callback_url with OrderTrackingId, OrderMerchantReference and, when given, OrderNotificationType.</summary>
    public static string CallbackUrl(OrderSnapshot order, string? notificationType)
    {
        var query = new Dictionary<string, string?>
        {
            [IpnNotification.TrackingIdKey] = order.TrackingId.ToString(),
            [IpnNotification.MerchantReferenceKey] = order.MerchantReference,
        };
        if (notificationType is not null) query[IpnNotification.NotificationTypeKey] = notificationType;
        return QueryHelpers.AddQueryString(order.CallbackUrl, query);
    }
}
