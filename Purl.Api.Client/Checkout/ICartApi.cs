using Refit;

namespace Purl.Api.Client.Checkout;

/// <summary>The signed-in buyer's cart and checkout. Needs the access token on the HttpClient (see <see cref="PurlApiClient"/>).</summary>
public interface ICartApi
{
    [Get(CheckoutRoutes.Cart)]
    Task<CartResponse> GetCartAsync(CancellationToken ct = default);

    /// <summary>Adds the line, or raises the quantity of the same product (and variant) already in the cart.</summary>
    [Post(CheckoutRoutes.CartItems)]
    Task<CartResponse> AddItemAsync([Body] AddCartItemRequest request, CancellationToken ct = default);

    [Put(CheckoutRoutes.CartItem)]
    Task<CartResponse> UpdateItemAsync(Guid itemId, [Body] UpdateCartItemRequest request, CancellationToken ct = default);

    [Delete(CheckoutRoutes.CartItem)]
    Task<CartResponse> RemoveItemAsync(Guid itemId, CancellationToken ct = default);

    /// <summary>Reserves every line for 15 minutes and makes one order per vendor; a 409 lists the lines short of stock.</summary>
    [Post(CheckoutRoutes.Checkout)]
    Task<CheckoutResponse> CheckoutAsync(CancellationToken ct = default);
}
