using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Purl.Emulators.Fcm;

public sealed record FcmNotification(string? Title, string? Body, string? Image);

public sealed record FcmMessage(string? Token, string? Topic, string? Condition, FcmNotification? Notification,
    IReadOnlyDictionary<string, string>? Data, int PayloadBytes);

public sealed record FcmRequest(FcmMessage Message, bool ValidateOnly);

/// <summary>
/// Reads and checks a send request as FCM HTTP v1 does: known fields only (snake_case or lowerCamelCase, as
/// protobuf JSON allows), exactly one target, string data under no reserved key, and at most 4096 bytes of
/// payload (the data's keys and values plus the notification's title, body and image, in UTF-8).
/// </summary>
public static partial class FcmMessageReader
{
    public const int MaxPayloadBytes = 4096;

    private static readonly HashSet<string> RequestFields = ["message", "validate_only", "validateOnly"];
    private static readonly HashSet<string> MessageFields =
        ["name", "data", "notification", "android", "webpush", "apns", "fcm_options", "fcmOptions", "token", "topic", "condition"];
    private static readonly HashSet<string> NotificationFields = ["title", "body", "image"];

    [GeneratedRegex("^[a-zA-Z0-9-_.~%]+$")]
    private static partial Regex TopicName();

    /// <summary>The request, or why FCM would answer 400 INVALID_ARGUMENT.</summary>
    public static (FcmRequest? Request, string? Error) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return Fail("Invalid JSON payload received. Expected an object.");
        if (Unknown(root, RequestFields, "") is { } unknown) return Fail(unknown);

        var validateOnly = false;
        if (Field(root, "validate_only", "validateOnly") is { } flag)
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return Fail($"Invalid value at 'validate_only' (TYPE_BOOL), {flag.GetRawText()}");
            validateOnly = flag.GetBoolean();
        }

        if (!root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            return Fail("Request contains an invalid argument: message is required.");
        if (Unknown(message, MessageFields, "message") is { } unknownInMessage) return Fail(unknownInMessage);

        var targets = new[] { "token", "topic", "condition" }.Where(name => message.TryGetProperty(name, out _)).ToArray();
        if (targets.Length == 0) return Fail("Recipient of the message is not set.");
        if (targets.Length > 1)
            return Fail($"Invalid value at 'message' (oneof), oneof field 'target' is already set. Cannot set '{targets[1]}'");

        var target = message.GetProperty(targets[0]);
        if (target.ValueKind != JsonValueKind.String) return Fail($"Invalid value at 'message.{targets[0]}' (TYPE_STRING), {target.GetRawText()}");
        var targetValue = target.GetString()!;
        var targetError = targets[0] switch
        {
            "token" when !IsWellFormedToken(targetValue) => "The registration token is not a valid FCM registration token",
            "topic" when !TopicName().IsMatch(targetValue) => $"Invalid topic name '{targetValue}': use letters, digits and -_.~% only, without '/topics/'.",
            "condition" when string.IsNullOrWhiteSpace(targetValue) => "Invalid condition expression provided.",
            _ => null,
        };
        if (targetError is not null) return Fail(targetError);

        foreach (var name in new[] { "android", "webpush", "apns", "fcm_options", "fcmOptions" })
            if (message.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Object)
                return Fail($"Invalid value at 'message.{name}': expected an object.");

        var payloadBytes = 0;
        var (data, dataError) = ReadData(message, ref payloadBytes);
        if (dataError is not null) return Fail(dataError);
        var (notification, notificationError) = ReadNotification(message, ref payloadBytes);
        if (notificationError is not null) return Fail(notificationError);
        if (payloadBytes > MaxPayloadBytes)
            return Fail($"Message is too big: the payload is {payloadBytes} bytes, at most {MaxPayloadBytes} are allowed.");

        var fcmMessage = new FcmMessage(
            targets[0] == "token" ? targetValue : null, targets[0] == "topic" ? targetValue : null, targets[0] == "condition" ? targetValue : null,
            notification, data, payloadBytes);
        return (new FcmRequest(fcmMessage, validateOnly), null);
    }

    /// <summary>FCM keeps these keys for itself: "from", "message_type", and anything starting with "google" or "gcm".</summary>
    public static bool IsReservedDataKey(string key) =>
        key is "from" or "message_type" || key.StartsWith("google", StringComparison.Ordinal) || key.StartsWith("gcm", StringComparison.Ordinal);

    private static (Dictionary<string, string>?, string?) ReadData(JsonElement message, ref int payloadBytes)
    {
        if (!message.TryGetProperty("data", out var data)) return (null, null);
        if (data.ValueKind != JsonValueKind.Object) return (null, "Invalid value at 'message.data': expected an object of strings.");

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in data.EnumerateObject())
        {
            if (IsReservedDataKey(entry.Name)) return (null, $"Invalid data payload key: '{entry.Name}' is reserved.");
            if (entry.Value.ValueKind != JsonValueKind.String)
                return (null, $"Invalid value at 'message.data[{index}].value' (TYPE_STRING), {entry.Value.GetRawText()}");
            var value = entry.Value.GetString()!;
            values[entry.Name] = value;
            payloadBytes += Encoding.UTF8.GetByteCount(entry.Name) + Encoding.UTF8.GetByteCount(value);
            index++;
        }
        return (values, null);
    }

    private static (FcmNotification?, string?) ReadNotification(JsonElement message, ref int payloadBytes)
    {
        if (!message.TryGetProperty("notification", out var notification)) return (null, null);
        if (notification.ValueKind != JsonValueKind.Object) return (null, "Invalid value at 'message.notification': expected an object.");
        if (Unknown(notification, NotificationFields, "message.notification") is { } unknown) return (null, unknown);

        var parts = new Dictionary<string, string?>();
        foreach (var name in NotificationFields)
        {
            if (!notification.TryGetProperty(name, out var value)) continue;
            if (value.ValueKind != JsonValueKind.String) return (null, $"Invalid value at 'message.notification.{name}' (TYPE_STRING), {value.GetRawText()}");
            parts[name] = value.GetString();
            payloadBytes += Encoding.UTF8.GetByteCount(parts[name]!);
        }
        return (new FcmNotification(parts.GetValueOrDefault("title"), parts.GetValueOrDefault("body"), parts.GetValueOrDefault("image")), null);
    }

    private static bool IsWellFormedToken(string token) =>
        token.Length is > 0 and <= 4096 && !token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static JsonElement? Field(JsonElement element, string snake, string camel) =>
        element.TryGetProperty(snake, out var value) || element.TryGetProperty(camel, out value) ? value : null;

    private static string? Unknown(JsonElement element, HashSet<string> known, string path)
    {
        foreach (var property in element.EnumerateObject())
            if (!known.Contains(property.Name))
                return $"Invalid JSON payload received. Unknown name \"{property.Name}\"{(path.Length > 0 ? $" at '{path}'" : "")}: Cannot find field.";
        return null;
    }

    private static (FcmRequest?, string?) Fail(string error) => (null, error);
}
