using System.Text.Json;
using System.Text.Json.Serialization;

namespace Purl.Emulators.Pesapal;

/// <summary>
/// What Pesapal sends to the merchant's IPN URL (as query parameters for GET, as this JSON body for POST), and
/// the callback redirect; the keys are PascalCase, exactly.
/// </summary>
public sealed record IpnNotification(
    [property: JsonPropertyName(IpnNotification.TrackingIdKey)] string OrderTrackingId,
    [property: JsonPropertyName(IpnNotification.MerchantReferenceKey)] string OrderMerchantReference,
    [property: JsonPropertyName(IpnNotification.NotificationTypeKey)] string OrderNotificationType)
{
    public const string TrackingIdKey = "OrderTrackingId";
    public const string MerchantReferenceKey = "OrderMerchantReference";
    public const string NotificationTypeKey = "OrderNotificationType";
    public const string IpnChange = "IPNCHANGE";
    public const string CallbackUrl = "CALLBACKURL";

    public Dictionary<string, string?> ToQuery() => new()
    {
        [TrackingIdKey] = OrderTrackingId,
        [MerchantReferenceKey] = OrderMerchantReference,
        [NotificationTypeKey] = OrderNotificationType,
    };
}

/// <summary>
/// The merchant's reply Pesapal waits for: <c>{"orderNotificationType":"IPNCHANGE","orderTrackingId":…,
/// "orderMerchantReference":…,"status":200}</c>, camelCase, status a number. Anything else is not an
/// acknowledgement, and the IPN is sent again.
/// </summary>
public static class IpnAcknowledgement
{
    /// <summary>Null when <paramref name="body"/> acknowledges the notification, else what is wrong with it.</summary>
    public static string? Problem(string body, IpnNotification sent)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return "the reply is not JSON";
        }

        using (document)
        {
            var reply = document.RootElement;
            if (reply.ValueKind != JsonValueKind.Object) return "the reply is not a JSON object";
            if (!reply.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number)
                return "the reply has no numeric status";
            if (!status.TryGetInt32(out var code) || code != 200) return $"the reply's status is {status.GetRawText()}, not 200";
            if (Text(reply, "orderNotificationType") != IpnNotification.IpnChange)
                return "the reply's orderNotificationType is not IPNCHANGE";
            if (!string.Equals(Text(reply, "orderTrackingId"), sent.OrderTrackingId, StringComparison.OrdinalIgnoreCase))
                return "the reply's orderTrackingId does not match";
            if (Text(reply, "orderMerchantReference") != sent.OrderMerchantReference)
                return "the reply's orderMerchantReference does not match";
            return null;
        }
    }

    private static string? Text(JsonElement reply, string name) =>
        reply.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
