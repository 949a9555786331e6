using Refit;

namespace Purl.Core.Payments.Pesapal;

/// <summary>
/// Pesapal API 3.0, relative to the merchant's base URL (<c>…/pesapalv3</c>). Every call but RequestToken carries the
/// bearer token. Answers come back as <see cref="IApiResponse{T}"/> so a 4xx body in Pesapal's shape can be read.
/// Use it through <see cref="PesapalClient"/>, which adds the token, the error handling and the no-blind-retry rule.
/// </summary>
public interface IPesapalApi
{
    [Post("/api/Auth/RequestToken")]
    Task<IApiResponse<TokenResponse>> RequestTokenAsync([Body] TokenRequest request, CancellationToken ct);

    [Post("/api/URLSetup/RegisterIPN")]
    Task<IApiResponse<IpnRegistrationResponse>> RegisterIpnAsync([Authorize] string token, [Body] RegisterIpnRequest request, CancellationToken ct);

    [Get("/api/URLSetup/GetIpnList")]
    Task<IApiResponse<List<IpnRegistrationResponse>>> GetIpnListAsync([Authorize] string token, CancellationToken ct);

    [Post("/api/Transactions/SubmitOrderRequest")]
    Task<IApiResponse<SubmitOrderResponse>> SubmitOrderRequestAsync([Authorize] string token, [Body] SubmitOrderRequest request, CancellationToken ct);

    [Get("/api/Transactions/GetTransactionStatus")]
    Task<IApiResponse<TransactionStatusResponse>> GetTransactionStatusAsync([Authorize] string token,
        [Query, AliasAs("orderTrackingId")] string orderTrackingId, CancellationToken ct);

    [Post("/api/Transactions/RefundRequest")]
    Task<IApiResponse<PesapalOutcomeResponse>> RefundRequestAsync([Authorize] string token, [Body] RefundRequest request, CancellationToken ct);

    [Post("/api/Transactions/CancelOrder")]
    Task<IApiResponse<PesapalOutcomeResponse>> CancelOrderAsync([Authorize] string token, [Body] CancelOrderRequest request, CancellationToken ct);
}
