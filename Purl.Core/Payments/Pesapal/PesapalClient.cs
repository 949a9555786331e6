using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Purl.Core.Payments.Pesapal;

/// <summary>Pesapal's view of a payment, from GetTransactionStatus.</summary>
public enum PesapalPaymentState { Pending, Completed, Failed, Reversed, Invalid }

public sealed record PesapalTransaction(
    PesapalPaymentState State, string? PaymentMethod, string? ConfirmationCode, decimal? Amount, string? Currency, string? Message);

/// <summary>
/// Purl's calls to Pesapal: the cached token on each, a renewed token and one more try when Pesapal refuses the token
/// (it did nothing then), and every failure sorted into <see cref="PesapalFailureKind.Unavailable"/> (may or may not
/// have happened: never resubmit blindly) or <see cref="PesapalFailureKind.Rejected"/> (did not happen). Retries of the
/// idempotent calls and the circuit breaker live in the HTTP pipeline (<see cref="PesapalExtensions"/>).
/// </summary>
public sealed partial class PesapalClient(
    IPesapalApi api, PesapalTokens tokens, IOptions<PesapalOptions> options, ILogger<PesapalClient> logger)
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public Task<PesapalCall<SubmitOrderResponse>> SubmitOrderAsync(SubmitOrderRequest request, CancellationToken ct) =>
        CallAsync((token, c) => api.SubmitOrderRequestAsync(token, request, c), response =>
            response.Status == "200" && !string.IsNullOrEmpty(response.OrderTrackingId) && !string.IsNullOrEmpty(response.RedirectUrl)
                ? null : Rejection(response.Error, "SubmitOrderRequest answered without a tracking id."), ct);

    public async Task<PesapalCall<PesapalTransaction>> GetTransactionStatusAsync(string orderTrackingId, CancellationToken ct)
    {
        // Pending and failed payments come back with body status "500" and an error: that is still an answer.
        var answer = await CallAsync((token, c) => api.GetTransactionStatusAsync(token, orderTrackingId, c), _ => null, ct);
        if (answer.Failure is { } failure) return failure;
        return ToTransaction(answer.Value!);
    }

    /// <summary>True when Pesapal accepted the refund; Rejected with Pesapal's reason otherwise.</summary>
    public Task<PesapalCall<PesapalOutcomeResponse>> RefundAsync(string confirmationCode, decimal amount, string remarks, CancellationToken ct) =>
        CallAsync((token, c) => api.RefundRequestAsync(token, new RefundRequest(confirmationCode, amount, options.Value.RefundUsername, remarks), c),
            response => response.Status == "200" ? null : Rejection(response.Error, response.Message ?? "The refund was rejected."), ct);

    public Task<PesapalCall<PesapalOutcomeResponse>> CancelOrderAsync(string orderTrackingId, CancellationToken ct) =>
        CallAsync((token, c) => api.CancelOrderAsync(token, new CancelOrderRequest(orderTrackingId), c),
            response => response.Status == "200" ? null : Rejection(response.Error, response.Message ?? "The cancellation was rejected."), ct);

    public Task<PesapalCall<IpnRegistrationResponse>> RegisterIpnAsync(string url, string notificationType, CancellationToken ct) =>
        CallAsync((token, c) => api.RegisterIpnAsync(token, new RegisterIpnRequest(url, notificationType), c),
            response => Guid.TryParse(response.IpnId, out _) ? null : Rejection(response.Error, "RegisterIPN answered without an ipn_id."), ct);

    public Task<PesapalCall<List<IpnRegistrationResponse>>> GetIpnListAsync(CancellationToken ct) =>
        CallAsync((token, c) => api.GetIpnListAsync(token, c), _ => null, ct);

    /// <summary>The status answer in Purl's words. Status 0 with <c>payment_details_not_found</c> is a payment still being made.</summary>
    public static PesapalTransaction ToTransaction(TransactionStatusResponse response)
    {
        var description = response.PaymentStatusDescription ?? "";
        var state = response.StatusCode switch
        {
            1 => PesapalPaymentState.Completed,
            2 => PesapalPaymentState.Failed,
            3 => PesapalPaymentState.Reversed,
            _ when description.Equals("Completed", StringComparison.OrdinalIgnoreCase) => PesapalPaymentState.Completed,
            _ when description.Equals("Failed", StringComparison.OrdinalIgnoreCase) => PesapalPaymentState.Failed,
            _ when description.Equals("Reversed", StringComparison.OrdinalIgnoreCase) => PesapalPaymentState.Reversed,
            _ when response.Error?.Code is { Length: > 0 } code && code != "payment_details_not_found" => PesapalPaymentState.Invalid,
            _ => PesapalPaymentState.Pending,
        };
        return new PesapalTransaction(state, NullIfEmpty(response.PaymentMethod), NullIfEmpty(response.ConfirmationCode),
            response.Amount, response.Currency, response.Error?.Message ?? response.Description ?? response.Message);
    }

    private async Task<PesapalCall<TokenResponse>> RequestTokenAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (o.ConsumerKey.Length == 0 || o.ConsumerSecret.Length == 0)
            return PesapalFailure.Unavailable("not_configured", "Pesapal:ConsumerKey and Pesapal:ConsumerSecret are not set.", TimeSpan.FromMinutes(1));
        return await SendAsync(c => api.RequestTokenAsync(new TokenRequest(o.ConsumerKey, o.ConsumerSecret), c),
            response => string.IsNullOrEmpty(response.Token) ? Rejection(response.Error, response.Message ?? "RequestToken answered without a token.") : null, ct);
    }

    private async Task<PesapalCall<T>> CallAsync<T>(Func<string, CancellationToken, Task<IApiResponse<T>>> call,
        Func<T, PesapalFailure?> check, CancellationToken ct) where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetAsync(RequestTokenAsync, ct);
            if (token.Failure is { } noToken) return noToken;
            var answer = await SendAsync(c => call(token.Value!, c), check, ct);
            // A refused token means Pesapal did nothing with the call: renew the token and ask once more.
            if (answer.Failure is { Code: UnauthorizedCode } && attempt == 1)
            {
                tokens.Invalidate(token.Value!);
                continue;
            }
            return answer;
        }
    }

    private const string UnauthorizedCode = "unauthorized";

    private async Task<PesapalCall<T>> SendAsync<T>(Func<CancellationToken, Task<IApiResponse<T>>> send, Func<T, PesapalFailure?> check,
        CancellationToken ct) where T : class
    {
        try
        {
            using var response = await send(ct);
            var body = response.IsSuccessStatusCode ? response.Content : Parse<T>((response.Error as ApiException)?.Content);
            if (response.StatusCode is not { } status)
                return PesapalFailure.Unavailable("no_answer", "Pesapal sent no answer.", DefaultRetryAfter);
            if (status == HttpStatusCode.Unauthorized)
                return PesapalFailure.Rejected(UnauthorizedCode, ErrorOf(body)?.Message ?? "Pesapal refused the token.");
            if ((int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
                return PesapalFailure.Unavailable($"http_{(int)status}", $"Pesapal answered {(int)status}.",
                    response.Headers?.RetryAfter?.Delta ?? DefaultRetryAfter);
            if (!response.IsSuccessStatusCode || body is null)
                return Rejection(ErrorOf(body), $"Pesapal answered {(int)status}.");
            return check(body) is { } rejected ? rejected : body;
        }
        catch (BrokenCircuitException)
        {
            return PesapalFailure.Unavailable("circuit_open", "Pesapal is failing; calls are paused for a while.", options.Value.BreakDuration);
        }
        catch (TimeoutRejectedException)
        {
            return PesapalFailure.Unavailable("timeout", "Pesapal did not answer in time.", DefaultRetryAfter);
        }
        catch (HttpRequestException e)
        {
            LogUnreachable(e.Message);
            return PesapalFailure.Unavailable("unreachable", "Pesapal could not be reached.", DefaultRetryAfter);
        }
        catch (ApiException e)
        {
            return PesapalFailure.Unavailable("bad_answer", $"Pesapal's answer could not be read: {e.Message}", DefaultRetryAfter);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return PesapalFailure.Unavailable("timeout", "Pesapal did not answer in time.", DefaultRetryAfter);
        }
    }

    private static T? Parse<T>(string? json) where T : class
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(json, PesapalJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static PesapalError? ErrorOf(object? body) => body switch
    {
        TokenResponse r => r.Error,
        IpnRegistrationResponse r => r.Error,
        SubmitOrderResponse r => r.Error,
        TransactionStatusResponse r => r.Error,
        PesapalOutcomeResponse r => r.Error,
        _ => null,
    };

    private static PesapalFailure Rejection(PesapalError? error, string fallback) =>
        PesapalFailure.Rejected(error?.Code ?? error?.ErrorType ?? error?.Type ?? "rejected", error?.Message ?? fallback);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pesapal could not be reached: {Error}")]
    private partial void LogUnreachable(string error);
}
