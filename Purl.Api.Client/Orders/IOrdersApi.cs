using Refit;

namespace Purl.Api.Client.Orders;

/// <summary>The signed-in buyer's orders and payments. Needs the access token on the HttpClient.</summary>
public interface IOrdersApi
{
    [Get(OrderRoutes.Orders)]
    Task<OrderPage> ListAsync(string? cursor = null, int? limit = null, CancellationToken ct = default);

    [Get(OrderRoutes.Order)]
    Task<OrderResponse> GetAsync(Guid id, CancellationToken ct = default);

    /// <summary>Cancels an order still waiting for payment; its reservation is released at once.</summary>
    [Post(OrderRoutes.Cancel)]
    Task<OrderResponse> CancelAsync(Guid id, CancellationToken ct = default);

    /// <summary>Starts (or, for the same key, returns) the payment; open <c>redirectUrl</c> to pay. The response tells 201 from 200.</summary>
    [Post(OrderRoutes.Payments)]
    Task<IApiResponse<PaymentResponse>> PayAsync(Guid id, [Header(OrderRoutes.IdempotencyKeyHeader)] string idempotencyKey,
        [Body] PayOrderRequest request, CancellationToken ct = default);
}

/// <summary>The signed-in vendor's orders, their own store only. Needs the access token on the HttpClient.</summary>
public interface IVendorOrdersApi
{
    /// <summary><c>status</c> filters (e.g. <c>paid</c>); without it every order, newest first.</summary>
    [Get(OrderRoutes.VendorOrders)]
    Task<OrderPage> ListAsync(string? status = null, string? cursor = null, int? limit = null, CancellationToken ct = default);

    [Post(OrderRoutes.VendorAccept)]
    Task<OrderResponse> AcceptAsync(Guid id, CancellationToken ct = default);

    [Post(OrderRoutes.VendorShip)]
    Task<OrderResponse> ShipAsync(Guid id, CancellationToken ct = default);

    [Post(OrderRoutes.VendorDeliver)]
    Task<OrderResponse> DeliverAsync(Guid id, CancellationToken ct = default);

    /// <summary>Cancels the order, puts its stock back and refunds the buyer if it was paid.</summary>
    [Post(OrderRoutes.VendorCancel)]
    Task<OrderResponse> CancelAsync(Guid id, CancellationToken ct = default);
}
