using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Emulators.Pesapal;

namespace Purl.Emulators.Apis;

/// <summary>
/// Pesapal API 3.0 under /pesapalv3/api: the token call and the IPN set-up here, the transactions in
/// <see cref="PesapalTransactionsApi"/>. Every call passes the fault window; all but RequestToken need a live token.
/// </summary>
public static class PesapalApi
{
    public const string RequestProcessed = "Request processed successfully";

    public static IEndpointRouteBuilder MapPesapalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(PesapalRoutes.Api).AddEndpointFilter<PesapalFaultFilter>().WithTags("Pesapal");
        api.MapPost(PesapalRoutes.RequestToken, RequestToken).WithName("RequestToken");

        var authorised = api.MapGroup("").AddEndpointFilter<PesapalAuthFilter>();
        authorised.MapPost(PesapalRoutes.RegisterIpn, RegisterIpn).WithName("RegisterIPN");
        authorised.MapGet(PesapalRoutes.GetIpnList, GetIpnList).WithName("GetIpnList");
        authorised.MapPesapalTransactions();
        return app;
    }

    public static Results<Ok<TokenResponse>, JsonHttpResult<TokenResponse>> RequestToken(TokenRequest request, PesapalTokens tokens)
    {
        if (!tokens.CredentialsMatch(request.ConsumerKey, request.ConsumerSecret))
        {
            const string message = "Invalid consumer_key or consumer_secret provided";
            var error = PesapalError.Api("invalid_consumer_key_or_secret_provided", message);
            return TypedResults.Json(new TokenResponse(null, null, error, "401", message), statusCode: StatusCodes.Status401Unauthorized);
        }

        var token = tokens.Issue();
        return TypedResults.Ok(new TokenResponse(token.Token, token.ExpiresAt, null, "200", RequestProcessed));
    }

    public static Results<Ok<IpnRegistrationResponse>, JsonHttpResult<RegisterIpnErrorResponse>> RegisterIpn(RegisterIpnRequest request, IpnRegistry ipns)
    {
        if (!OrderSubmission.IsHttpUrl(request.Url))
            return Invalid(request.Url, "invalid_ipn_url", "url must be an absolute http or https URL.");
        if (!TryParseType(request.IpnNotificationType, out var type))
            return Invalid(request.Url, "invalid_ipn_notification_type", "ipn_notification_type must be GET or POST.");

        return TypedResults.Ok(ToResponse(ipns.Register(request.Url!, type)));
    }

    public static Ok<IpnRegistrationResponse[]> GetIpnList(IpnRegistry ipns) =>
        TypedResults.Ok(ipns.List().Select(ToResponse).ToArray());

    private static IpnRegistrationResponse ToResponse(IpnRegistration ipn) =>
        new(ipn.Url, ipn.CreatedDate, ipn.IpnId, (int)ipn.Type, ipn.Type == IpnNotificationType.Post ? "POST" : "GET",
            IpnStatus: 1, IpnStatusDescription: "Active", Error: null, Status: "200");

    private static bool TryParseType(string? value, out IpnNotificationType type)
    {
        type = string.Equals(value, "POST", StringComparison.OrdinalIgnoreCase) ? IpnNotificationType.Post : IpnNotificationType.Get;
        return string.Equals(value, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "POST", StringComparison.OrdinalIgnoreCase);
    }

    private static JsonHttpResult<RegisterIpnErrorResponse> Invalid(string? url, string code, string message) =>
        TypedResults.Json(new RegisterIpnErrorResponse(url, null, PesapalError.Api(code, message), "400"), statusCode: StatusCodes.Status400BadRequest);
}
