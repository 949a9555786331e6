namespace Purl.Api.Client.Checkout;

/// <summary>The routes of the cart and checkout, shared by Purl.Api (mapping), this client and the tests.</summary>
public static class CheckoutRoutes
{
    public const string Cart = "/cart";
    public const string CartItems = "/cart/items";
    public const string CartItem = "/cart/items/{itemId}";
    public const string Checkout = "/checkout";
}

/// <summary><c>variantId</c> is required for a product that has variants; <c>quantity</c> 1 to 99.</summary>
public sealed record AddCartItemRequest(Guid ProductId, Guid? VariantId, int Quantity);

public sealed record UpdateCartItemRequest(int Quantity);

/// <summary>The cart at today's prices; <c>total</c> is what checkout would charge now.</summary>
public sealed record CartResponse(IReadOnlyList<CartItemResponse> Items, decimal Total, string Currency);

/// <summary>
/// One line. <c>available</c> is what can still be reserved (stock minus live reservations); <c>purchasable</c> is
/// false when the product was unpublished or its store closed since it was added.
/// </summary>
public sealed record CartItemResponse(
    Guid Id,
    Guid ProductId,
    Guid? VariantId,
    Guid VendorId,
    string VendorName,
    string ProductName,
    string? VariantName,
    string? ImageUrl,
    decimal UnitPrice,
    string Currency,
    int Quantity,
    decimal LineTotal,
    int Available,
    bool Purchasable);

/// <summary>201 from <c>POST /checkout</c>: one order per vendor, all held until <c>reservationExpiresAt</c>.</summary>
public sealed record CheckoutResponse(IReadOnlyList<PlacedOrder> Orders, DateTimeOffset ReservationExpiresAt);

/// <summary><c>status</c> is <c>pending_payment</c> after checkout (see <see cref="Orders.OrderStatuses"/>).</summary>
public sealed record PlacedOrder(Guid Id, Guid VendorId, decimal Total, string Currency, string Status);

/// <summary>One line of a 409 for stock: the ProblemDetails carries <c>lines: [{productId, variantId, requested, available}]</c>.</summary>
public sealed record StockShortageLine(Guid ProductId, Guid? VariantId, int Requested, int Available);
