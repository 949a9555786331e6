namespace Purl.Core.Messaging;

/// <summary>
/// Something that happened, told to other parts of Purl through the outbox and <c>purl.events</c>.
/// The type's name is the AMQP message type; its routing key is the name in dotted lower case (<c>post.published</c>).
/// Events are facts in the past tense: add fields, never rename or repurpose one, since old messages stay in queues.
/// </summary>
public interface IEvent;

/// <param name="Change">
/// What changed: <c>created</c>, <c>updated</c>, <c>stock</c> (it went in or out of stock), <c>price</c>, <c>published</c>,
/// <c>unpublished</c>, <c>deleted</c>; older messages may say <c>sold</c>, raised once for every sale.
/// </param>
public sealed record ProductChanged(Guid ProductId, Guid VendorId, string Change) : IEvent;

/// <param name="Change">What changed: <c>created</c>, <c>updated</c>, <c>verified</c>, <c>suspended</c>.</param>
public sealed record VendorChanged(Guid VendorId, string Change) : IEvent;

public sealed record PostPublished(Guid PostId, Guid VendorId, DateTimeOffset PublishedAt) : IEvent;

public sealed record StoryPublished(Guid StoryId, Guid VendorId, DateTimeOffset PublishedAt, DateTimeOffset ExpiresAt) : IEvent;

public sealed record VendorFollowed(Guid VendorId, Guid BuyerId, DateTimeOffset FollowedAt) : IEvent;

/// <summary>Lets a feed merge that started before the unfollow drop the vendor's posts afterwards.</summary>
public sealed record VendorUnfollowed(Guid VendorId, Guid BuyerId, DateTimeOffset UnfollowedAt) : IEvent;

/// <summary>Raised once per vendor order at checkout.</summary>
public sealed record OrderPlaced(Guid OrderId, Guid VendorId, Guid BuyerId, decimal Total, string Currency) : IEvent;

/// <summary>Pesapal told us something happened to a payment; the IPN worker asks Pesapal what.</summary>
public sealed record PaymentIpnReceived(Guid IpnEventId, string OrderTrackingId, string MerchantReference) : IEvent;

/// <param name="VendorId">The order's store; empty in messages raised before it was carried.</param>
public sealed record PaymentCompleted(Guid PaymentId, Guid OrderId, Guid BuyerId, decimal Amount, string Currency, Guid VendorId = default) : IEvent;

public sealed record PaymentFailed(Guid PaymentId, Guid OrderId, Guid BuyerId, string Reason) : IEvent;

/// <summary>A completed payment must go back to the buyer (the order was cancelled, or had already been paid): the refund worker asks Pesapal.</summary>
public sealed record PaymentRefundRequested(Guid PaymentId, Guid OrderId, Guid BuyerId, decimal Amount, string Reason) : IEvent;

/// <param name="Status">The new status, as the API spells it (<c>paid</c>, <c>accepted</c>, <c>shipped</c>, …).</param>
/// <param name="Total">The order's total; null in messages raised before it was carried.</param>
public sealed record OrderStatusChanged(Guid OrderId, Guid VendorId, Guid BuyerId, string Status, decimal? Total = null, string? Currency = null) : IEvent;
