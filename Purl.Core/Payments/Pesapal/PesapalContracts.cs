using System.Text.Json;
using System.Text.Json.Serialization;

namespace Purl.Core.Payments.Pesapal;

// Pesapal API 3.0 bodies, with every name spelled as Pesapal spells it (contracts/pesapal.md): snake_case, except
// expiryDate. Unknown fields are ignored; status comes as a string ("200") but a number is read too.

public sealed record PesapalError(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("error_type")] string? ErrorType,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);

public sealed record TokenRequest(
    [property: JsonPropertyName("consumer_key")] string ConsumerKey,
    [property: JsonPropertyName("consumer_secret")] string ConsumerSecret);

public sealed record TokenResponse(
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("expiryDate")] string? ExpiryDate,
    [property: JsonPropertyName("error")] PesapalError? Error,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("message")] string? Message);

public sealed record RegisterIpnRequest(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("ipn_notification_type")] string IpnNotificationType);

public sealed record IpnRegistrationResponse(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("created_date")] string? CreatedDate,
    [property: JsonPropertyName("ipn_id")] string? IpnId,
    [property: JsonPropertyName("ipn_notification_type_description")] string? IpnNotificationTypeDescription,
    [property: JsonPropertyName("error")] PesapalError? Error,
    [property: JsonPropertyName("status")] string? Status);

public sealed record BillingAddress(
    [property: JsonPropertyName("email_address")] string? EmailAddress,
    [property: JsonPropertyName("phone_number")] string? PhoneNumber,
    [property: JsonPropertyName("country_code")] string? CountryCode,
    [property: JsonPropertyName("first_name")] string? FirstName = null,
    [property: JsonPropertyName("middle_name")] string? MiddleName = null,
    [property: JsonPropertyName("last_name")] string? LastName = null,
    [property: JsonPropertyName("line_1")] string? Line1 = null,
    [property: JsonPropertyName("line_2")] string? Line2 = null,
    [property: JsonPropertyName("city")] string? City = null,
    [property: JsonPropertyName("state")] string? State = null,
    [property: JsonPropertyName("postal_code")] string? PostalCode = null,
    [property: JsonPropertyName("zip_code")] string? ZipCode = null);

/// <param name="Id">Our merchant reference: unique, at most 50 characters.</param>
public sealed record SubmitOrderRequest(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("callback_url")] string CallbackUrl,
    [property: JsonPropertyName("notification_id")] string NotificationId,
    [property: JsonPropertyName("billing_address")] BillingAddress BillingAddress,
    [property: JsonPropertyName("cancellation_url")] string? CancellationUrl = null,
    [property: JsonPropertyName("branch")] string? Branch = null,
    [property: JsonPropertyName("redirect_mode")] string? RedirectMode = null);

public sealed record SubmitOrderResponse(
    [property: JsonPropertyName("order_tracking_id")] string? OrderTrackingId,
    [property: JsonPropertyName("merchant_reference")] string? MerchantReference,
    [property: JsonPropertyName("redirect_url")] string? RedirectUrl,
    [property: JsonPropertyName("error")] PesapalError? Error,
    [property: JsonPropertyName("status")] string? Status);

public sealed record TransactionStatusResponse(
    [property: JsonPropertyName("payment_method")] string? PaymentMethod,
    [property: JsonPropertyName("amount")] decimal? Amount,
    [property: JsonPropertyName("created_date")] string? CreatedDate,
    [property: JsonPropertyName("confirmation_code")] string? ConfirmationCode,
    [property: JsonPropertyName("payment_status_description")] string? PaymentStatusDescription,
    [property: JsonPropertyName("status_code")] int? StatusCode,
    [property: JsonPropertyName("payment_status_code")] string? PaymentStatusCode,
    [property: JsonPropertyName("payment_account")] string? PaymentAccount,
    [property: JsonPropertyName("merchant_reference")] string? MerchantReference,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("call_back_url")] string? CallBackUrl,
    [property: JsonPropertyName("error")] PesapalError? Error,
    [property: JsonPropertyName("status")] string? Status);

/// <param name="Amount">Pesapal's examples send it as a string; a number is accepted too.</param>
public sealed record RefundRequest(
    [property: JsonPropertyName("confirmation_code")] string ConfirmationCode,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("remarks")] string Remarks);

public sealed record CancelOrderRequest([property: JsonPropertyName("order_tracking_id")] string OrderTrackingId);

/// <summary>What RefundRequest and CancelOrder answer: status "200" accepted, "500" rejected.</summary>
public sealed record PesapalOutcomeResponse(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("error")] PesapalError? Error);

/// <summary>Reads <c>"200"</c> and <c>200</c> alike (API responses send a string, Pesapal is not always consistent).</summary>
internal sealed class StringOrNumberConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : reader.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => SkipAndNull(ref reader),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    private static string? SkipAndNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}

public static class PesapalJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        PropertyNameCaseInsensitive = false,
        Converters = { new StringOrNumberConverter() },
    };
}
