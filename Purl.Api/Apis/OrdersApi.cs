using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Purl.Api.Client.Orders;
using Purl.Core;
using Purl.Core.Checkout;
using Purl.Core.Data;
using Purl.Core.Identity;
using Purl.Core.Payments;

namespace Purl.Api.Apis;

/// <summary>The buyer's orders and paying them: <c>/orders</c>, <c>/orders/{id}/cancel</c>, <c>/orders/{id}/payments</c>.</summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("").WithTags("Orders").RequireAuthorization();
        orders.MapGet(OrderRoutes.Orders, List);
        orders.MapGet(OrderRoutes.Order, Get);
        orders.MapPost(OrderRoutes.Cancel, Cancel);
        // The payment rate limit is applied inside: a replay of the same Idempotency-Key is not an attempt.
        orders.MapPost(OrderRoutes.Payments, Pay);
        return app;
    }

    public sealed record ListQuery(string? Cursor, int? Limit);

    public static async Task<Results<Ok<OrderPage>, ProblemHttpResult>> List(
        [AsParameters] ListQuery query, ClaimsPrincipal user, OrderQueries orders, CancellationToken ct) =>
        (await orders.ListForBuyerAsync(user.GetUserId(), query.Cursor, query.Limit, ct)).ToHttpResult(page => TypedResults.Ok(ToResponse(page)));

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, OrderQueries orders, CancellationToken ct)
    {
        var order = await orders.FindAsync(id, ct);
        Outcome<OrderView> outcome = order is not null && order.BuyerId == user.GetUserId() ? order : new Problem(ProblemKind.NotFound, "You have no order with this id.");
        return outcome.ToHttpResult(found => TypedResults.Ok(ToResponse(found)));
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Cancel(Guid id, ClaimsPrincipal user, OrderLifecycle lifecycle, CancellationToken ct) =>
        (await lifecycle.CancelByBuyerAsync(user.GetUserId(), id, ct)).ToHttpResult(order => TypedResults.Ok(ToResponse(order)));

    public static async Task<Results<Created<PaymentResponse>, Ok<PaymentResponse>, ProblemHttpResult>> Pay(
        Guid id, [FromHeader(Name = OrderRoutes.IdempotencyKeyHeader)] string? idempotencyKey, PayOrderRequest? request,
        ClaimsPrincipal user, PaymentService payments, CancellationToken ct)
    {
        var outcome = await payments.StartAsync(user.GetUserId(), id, idempotencyKey, request?.Phone, request?.Method, ct);
        if (outcome.Problem is { } problem) return problem.ToHttpResult();
        var (payment, created) = outcome.Value!;
        var body = new PaymentResponse(payment.Id, EnumText<PaymentStatus>.ToText(payment.Status), payment.RedirectUrl);
        return created ? TypedResults.Created(OrderRoutes.Order.Replace("{id}", id.ToString()), body) : TypedResults.Ok(body);
    }

    internal static OrderPage ToResponse(OrderPageView page) => new(page.Items.Select(ToResponse).ToList(), page.NextCursor);

    internal static OrderResponse ToResponse(OrderView o) => new(
        o.Id, o.BuyerId, o.VendorId, o.VendorName, o.VendorLogoUrl, EnumText<OrderStatus>.ToText(o.Status), o.Total, o.Currency,
        o.Items.Select(i => new OrderItemResponse(i.ProductId, i.VariantId, i.ProductName, i.VariantName, i.UnitPrice, i.Quantity, i.UnitPrice * i.Quantity)).ToList(),
        o.CreatedAt, o.UpdatedAt, o.PaidAt, o.ReservationExpiresAt, o.CancelReason,
        o.Payment is { } p ? new OrderPaymentResponse(p.Id, EnumText<PaymentStatus>.ToText(p.Status), p.Status == PaymentStatus.Pending ? p.RedirectUrl : null, p.PaymentMethod, p.ConfirmationCode) : null);
}
