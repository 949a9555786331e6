using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Purl.Emulators.Pesapal;

namespace Purl.Emulators.Apis;

/// <summary>
/// Pesapal's Transactions calls. Malformed requests answer 4xx with the same status in the body; the business
/// answers of refunds and cancellations come as HTTP 200 with body status "200" or "500", as Pesapal sends them,
/// so a client's retry-on-5xx policy never resubmits a rejected refund.
/// </summary>
public static class PesapalTransactionsApi
{
    public static RouteGroupBuilder MapPesapalTransactions(this RouteGroupBuilder api)
    {
        api.MapPost(PesapalRoutes.SubmitOrderRequest, SubmitOrderRequest).WithName("SubmitOrderRequest");
        api.MapGet(PesapalRoutes.GetTransactionStatus, GetTransactionStatus).WithName("GetTransactionStatus");
        api.MapPost(PesapalRoutes.RefundRequest, RefundRequest).WithName("RefundRequest");
        api.MapPost(PesapalRoutes.CancelOrder, CancelOrder).WithName("CancelOrder");
        return api;
    }

    public static Results<Ok<SubmitOrderResponse>, JsonHttpResult<SubmitOrderResponse>> SubmitOrderRequest(
        SubmitOrderRequest request, HttpRequest http, PesapalOrders orders, IpnRegistry ipns, IOptions<PesapalOptions> options, TimeProvider clock)
    {
        var (ipn, error) = OrderSubmission.Check(request, options.Value, ipns);
        if (error is not null) return Rejected(error);

        var order = new PesapalOrder(Guid.NewGuid(), request.Id!, request.Amount!.Value, request.Currency!.ToUpperInvariant(), request.Description!,
            request.CallbackUrl!, request.CancellationUrl, ipn!, request.BillingAddress!, clock.GetUtcNow().UtcDateTime);
        if (!orders.TryAdd(order))
            return Rejected(PesapalError.Api("duplicate_merchant_reference", $"An order with the merchant reference '{order.MerchantReference}' already exists."));

        var baseUrl = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
            ? $"{http.Scheme}://{http.Host}{http.PathBase}"
            : options.Value.PublicBaseUrl.TrimEnd('/');
        var redirectUrl = baseUrl + PesapalRoutes.PaymentPagePath(order.TrackingId);
        return TypedResults.Ok(new SubmitOrderResponse(order.TrackingId, order.MerchantReference, redirectUrl, null, "200"));
    }

    public static Results<Ok<TransactionStatusResponse>, JsonHttpResult<PesapalErrorResponse>> GetTransactionStatus(
        [FromQuery(Name = "orderTrackingId")] string? orderTrackingId, PesapalOrders orders)
    {
        if (!Guid.TryParse(orderTrackingId, out var trackingId))
            return Error(StatusCodes.Status400BadRequest, "invalid_order_tracking_id", "orderTrackingId must be the order_tracking_id SubmitOrderRequest returned.");
        if (orders.Find(trackingId) is not { } order)
            return Error(StatusCodes.Status404NotFound, "order_not_found", $"No order has the tracking id '{trackingId}'.");
        return TypedResults.Ok(TransactionStatus.From(order.Snapshot()));
    }

    public static Ok<PesapalOutcomeResponse> RefundRequest(RefundRequest request, PesapalPayments payments)
    {
        var rejection =
            string.IsNullOrWhiteSpace(request.ConfirmationCode) ? "confirmation_code is required." :
            request.Amount is null ? "amount is required." :
            string.IsNullOrWhiteSpace(request.Username) ? "username is required." :
            string.IsNullOrWhiteSpace(request.Remarks) ? "remarks is required." :
            payments.Refund(request.ConfirmationCode, request.Amount.Value, request.Username, request.Remarks);
        return TypedResults.Ok(rejection is null ? new PesapalOutcomeResponse("200", "Refund request accepted") : new PesapalOutcomeResponse("500", rejection));
    }

    public static Ok<PesapalOutcomeResponse> CancelOrder(CancelOrderRequest request, PesapalPayments payments)
    {
        var rejection = Guid.TryParse(request.OrderTrackingId, out var trackingId)
            ? payments.Cancel(trackingId)
            : "order_tracking_id must be the order_tracking_id SubmitOrderRequest returned.";
        return TypedResults.Ok(rejection is null ? new PesapalOutcomeResponse("200", "Order cancelled successfully") : new PesapalOutcomeResponse("500", rejection));
    }

    private static JsonHttpResult<SubmitOrderResponse> Rejected(PesapalError error) =>
        TypedResults.Json(new SubmitOrderResponse(null, null, null, error, "400"), statusCode: StatusCodes.Status400BadRequest);

    private static JsonHttpResult<PesapalErrorResponse> Error(int status, string code, string message) =>
        TypedResults.Json(new PesapalErrorResponse(PesapalError.Api(code, message), status.ToString(), message), statusCode: status);
}
