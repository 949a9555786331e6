using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Purl.Emulators.Pesapal;

namespace Purl.Emulators.Apis;

/// <summary>
/// The redirect_url: GET shows the payment page, POST (the page's form) pays or fails the order, which sends the
/// IPN, and takes the browser back to the order's callback_url with OrderNotificationType=CALLBACKURL.
/// </summary>
public static class PaymentPageApi
{
    private const string Html = "text/html; charset=utf-8";

    public sealed record PaymentForm(string? Outcome, string? Method, string? Phone);

    public static IEndpointRouteBuilder MapPaymentPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup(PesapalRoutes.Base + PesapalRoutes.PaymentPage).WithTags("Pesapal payment page").ExcludeFromDescription();
        page.MapGet("/{orderTrackingId:guid}", ShowPage);
        // A test double's form: no antiforgery token, so a test can post it as a browser would.
        page.MapPost("/{orderTrackingId:guid}", SubmitPayment).DisableAntiforgery();
        return app;
    }

    public static ContentHttpResult ShowPage(Guid orderTrackingId, HttpRequest http, PesapalOrders orders) =>
        orders.Find(orderTrackingId) is { } order
            ? TypedResults.Content(PaymentPage.Render(order.Snapshot(), http.PathBase + PesapalRoutes.PaymentPagePath(orderTrackingId)), Html)
            : NotFound(orderTrackingId);

    public static Results<RedirectHttpResult, ContentHttpResult> SubmitPayment(Guid orderTrackingId, [FromForm] PaymentForm form, PesapalPayments payments)
    {
        var paid = string.Equals(form.Outcome, "pay", StringComparison.OrdinalIgnoreCase);
        if (!paid && !string.Equals(form.Outcome, "fail", StringComparison.OrdinalIgnoreCase))
            return TypedResults.Content(PaymentPage.Message("Bad request", "outcome must be pay or fail."), Html, statusCode: StatusCodes.Status400BadRequest);

        // An order that is no longer pending (a second click, a cancelled order) changes nothing: the buyer just goes back.
        var (result, order) = payments.Settle(orderTrackingId, paid, form.Method, form.Phone);
        return result == SettleResult.NotFound
            ? NotFound(orderTrackingId)
            : TypedResults.Redirect(TransactionStatus.CallbackUrl(order!.Snapshot(), IpnNotification.CallbackUrl));
    }

    private static ContentHttpResult NotFound(Guid orderTrackingId) =>
        TypedResults.Content(PaymentPage.Message("Order not found", $"No order has the tracking id {orderTrackingId}."), Html, statusCode: StatusCodes.Status404NotFound);
}
