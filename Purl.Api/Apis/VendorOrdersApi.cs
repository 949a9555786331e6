using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Api.Client.Orders;
using Purl.Core;
using Purl.Core.Checkout;
using Purl.Core.Identity;

namespace Purl.Api.Apis;

/// <summary>A vendor's own orders: <c>/vendor/orders?status=</c> and the moves accept → ship → deliver, or cancel.</summary>
public static class VendorOrdersApi
{
    public static IEndpointRouteBuilder MapVendorOrdersApi(this IEndpointRouteBuilder app)
    {
        var vendor = app.MapGroup("").WithTags("Vendor orders").RequireAuthorization(p => p.RequireRole(PurlRoles.Vendor));
        vendor.MapGet(OrderRoutes.VendorOrders, List);
        vendor.MapPost(OrderRoutes.VendorAccept, Accept);
        vendor.MapPost(OrderRoutes.VendorShip, Ship);
        vendor.MapPost(OrderRoutes.VendorDeliver, Deliver);
        vendor.MapPost(OrderRoutes.VendorCancel, Cancel);
        return app;
    }

    public sealed record ListQuery(string? Status, string? Cursor, int? Limit);

    public static async Task<Results<Ok<OrderPage>, ProblemHttpResult>> List(
        [AsParameters] ListQuery query, ClaimsPrincipal user, OrderQueries orders, CancellationToken ct)
    {
        if (user.GetVendorId() is not { } vendorId) return NoStore().ToHttpResult();
        return (await orders.ListForVendorAsync(vendorId, query.Status, query.Cursor, query.Limit, ct))
            .ToHttpResult(page => TypedResults.Ok(OrdersApi.ToResponse(page)));
    }

    public static Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Accept(Guid id, ClaimsPrincipal user, OrderLifecycle lifecycle, CancellationToken ct) =>
        Act(id, VendorAction.Accept, user, lifecycle, ct);

    public static Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Ship(Guid id, ClaimsPrincipal user, OrderLifecycle lifecycle, CancellationToken ct) =>
        Act(id, VendorAction.Ship, user, lifecycle, ct);

    public static Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Deliver(Guid id, ClaimsPrincipal user, OrderLifecycle lifecycle, CancellationToken ct) =>
        Act(id, VendorAction.Deliver, user, lifecycle, ct);

    public static Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Cancel(Guid id, ClaimsPrincipal user, OrderLifecycle lifecycle, CancellationToken ct) =>
        Act(id, VendorAction.Cancel, user, lifecycle, ct);

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Act(
        Guid id, VendorAction action, ClaimsPrincipal user, OrderLifecycle lifecycle, CancellationToken ct)
    {
        if (user.GetVendorId() is not { } vendorId) return NoStore().ToHttpResult();
        return (await lifecycle.ActAsVendorAsync(vendorId, id, action, ct)).ToHttpResult(order => TypedResults.Ok(OrdersApi.ToResponse(order)));
    }

    private static Problem NoStore() => new(ProblemKind.Forbidden, "You have no store.");
}
