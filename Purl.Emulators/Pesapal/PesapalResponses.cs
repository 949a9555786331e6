using System.Text.Json.Serialization;

namespace Purl.Emulators.Pesapal;

// Response bodies as Pesapal API 3.0 sends them: snake_case, `status` a string ("200"), times UTC.

[SnakeCaseJson]
public sealed record PesapalError(string Type, string Code, string Message)
{
    public static PesapalError Api(string code, string message) => new("api_error", code, message);
}

[SnakeCaseJson]
public sealed record PesapalErrorResponse(PesapalError Error, string Status, string Message);

[SnakeCaseJson]
public sealed record TokenResponse(
    string? Token,
    [property: JsonPropertyName("expiryDate")] DateTime? ExpiryDate,
    PesapalError? Error,
    string Status,
    string Message);

[SnakeCaseJson]
public sealed record IpnRegistrationResponse(
    string Url,
    DateTime CreatedDate,
    Guid IpnId,
    int NotificationType,
    string IpnNotificationTypeDescription,
    int IpnStatus,
    string IpnStatusDescription,
    PesapalError? Error,
    string Status);

[SnakeCaseJson]
public sealed record RegisterIpnErrorResponse(string? Url, Guid? IpnId, PesapalError Error, string Status);

[SnakeCaseJson]
public sealed record SubmitOrderResponse(
    Guid? OrderTrackingId,
    string? MerchantReference,
    string? RedirectUrl,
    PesapalError? Error,
    string Status);

[SnakeCaseJson]
public sealed record TransactionStatusResponse(
    string PaymentMethod,
    decimal Amount,
    DateTime CreatedDate,
    string ConfirmationCode,
    Guid OrderTrackingId,
    string PaymentStatusDescription,
    string? Description,
    string Message,
    string PaymentAccount,
    string CallBackUrl,
    int StatusCode,
    string MerchantReference,
    string PaymentStatusCode,
    string Currency,
    PesapalError? Error,
    string Status);

/// <summary>What RefundRequest and CancelOrder answer: "200" accepted, "500" rejected.</summary>
[SnakeCaseJson]
public sealed record PesapalOutcomeResponse(string Status, string Message);
