using System.Text.Json.Serialization;

namespace Purl.Emulators.Pesapal;

// Request bodies as Pesapal API 3.0 takes them. Every field is nullable: a missing field is a validation error
// answered in Pesapal's shape, not a serializer exception.

[SnakeCaseJson]
public sealed record TokenRequest
{
    public string? ConsumerKey { get; init; }
    public string? ConsumerSecret { get; init; }
}

[SnakeCaseJson]
public sealed record RegisterIpnRequest
{
    public string? Url { get; init; }
    public string? IpnNotificationType { get; init; }
}

[SnakeCaseJson]
public sealed record SubmitOrderRequest
{
    public string? Id { get; init; }
    public string? Currency { get; init; }
    public decimal? Amount { get; init; }
    public string? Description { get; init; }
    public string? CallbackUrl { get; init; }
    public string? CancellationUrl { get; init; }
    public string? NotificationId { get; init; }
    public string? Branch { get; init; }
    public string? RedirectMode { get; init; }
    public BillingAddress? BillingAddress { get; init; }
}

[SnakeCaseJson]
public sealed record BillingAddress
{
    public string? EmailAddress { get; init; }
    public string? PhoneNumber { get; init; }
    public string? CountryCode { get; init; }
    public string? FirstName { get; init; }
    public string? MiddleName { get; init; }
    public string? LastName { get; init; }
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    public string? ZipCode { get; init; }
}

[SnakeCaseJson]
public sealed record RefundRequest
{
    public string? ConfirmationCode { get; init; }

    /// <summary>Pesapal's own examples send the amount as a string; both are taken.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal? Amount { get; init; }

    public string? Username { get; init; }
    public string? Remarks { get; init; }
}

[SnakeCaseJson]
public sealed record CancelOrderRequest
{
    public string? OrderTrackingId { get; init; }
}
