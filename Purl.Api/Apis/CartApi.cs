using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Api.Client.Checkout;
using Purl.Core.Checkout;
using Purl.Core.Data;
using Purl.Core.Identity;

namespace Purl.Api.Apis;

/// <summary>The buyer's cart and checkout: <c>/cart</c>, <c>/cart/items</c>, <c>/checkout</c>.</summary>
public static class CartApi
{
    public static IEndpointRouteBuilder MapCartApi(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("").WithTags("Cart").RequireAuthorization();
        cart.MapGet(CheckoutRoutes.Cart, GetCart);
        cart.MapPost(CheckoutRoutes.CartItems, AddItem);
        cart.MapPut(CheckoutRoutes.CartItem, UpdateItem);
        cart.MapDelete(CheckoutRoutes.CartItem, RemoveItem);
        cart.MapPost(CheckoutRoutes.Checkout, Checkout);
        return app;
    }

    public static async Task<Ok<CartResponse>> GetCart(ClaimsPrincipal user, CartService carts, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await carts.GetAsync(user.GetUserId(), ct)));

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> AddItem(
        AddCartItemRequest request, ClaimsPrincipal user, CartService carts, CancellationToken ct) =>
        (await carts.AddAsync(user.GetUserId(), request.ProductId, request.VariantId, request.Quantity, ct))
            .ToHttpResult(cart => TypedResults.Ok(ToResponse(cart)));

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> UpdateItem(
        Guid itemId, UpdateCartItemRequest request, ClaimsPrincipal user, CartService carts, CancellationToken ct) =>
        (await carts.UpdateAsync(user.GetUserId(), itemId, request.Quantity, ct)).ToHttpResult(cart => TypedResults.Ok(ToResponse(cart)));

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> RemoveItem(
        Guid itemId, ClaimsPrincipal user, CartService carts, CancellationToken ct) =>
        (await carts.RemoveAsync(user.GetUserId(), itemId, ct)).ToHttpResult(cart => TypedResults.Ok(ToResponse(cart)));

    public static async Task<Results<Created<CheckoutResponse>, ProblemHttpResult>> Checkout(
        ClaimsPrincipal user, CheckoutService checkout, CancellationToken ct) =>
        (await checkout.CheckoutAsync(user.GetUserId(), ct)).ToHttpResult(result => TypedResults.Created(
            Purl.Api.Client.Orders.OrderRoutes.Orders,
            new CheckoutResponse(
                result.Orders.Select(o => new PlacedOrder(o.Id, o.VendorId, o.Total, o.Currency, EnumText<OrderStatus>.ToText(o.Status))).ToList(),
                result.ReservationExpiresAt)));

    private static CartResponse ToResponse(CartView cart) => new(
        cart.Lines.Select(l => new CartItemResponse(l.Id, l.ProductId, l.VariantId, l.VendorId, l.VendorName, l.ProductName, l.VariantName,
            l.ImageHash is null ? null : $"/media/{l.ImageHash}.{l.ImageExt}", l.UnitPrice, l.Currency, l.Quantity, l.LineTotal,
            l.Available, l.Purchasable)).ToList(),
        cart.Total, cart.Currency);
}
