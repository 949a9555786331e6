namespace Purl.Emulators.Pesapal;

/// <summary>Applies the fault window in force (<see cref="PesapalFaults"/>) before any Pesapal call is served.</summary>
public sealed class PesapalFaultFilter(PesapalFaults faults) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var operation = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "";
        if (faults.Take(operation) is not { } fault) return await next(context);

        if (fault.DelayMs > 0) await Task.Delay(fault.DelayMs, context.HttpContext.RequestAborted);
        if (fault.StatusCode is not { } status) return await next(context);

        var message = $"Emulated fault: HTTP {status}.";
        return TypedResults.Json(new PesapalErrorResponse(PesapalError.Api("emulated_fault", message), status.ToString(), message), statusCode: status);
    }
}

/// <summary>Refuses a Pesapal call whose bearer token is missing, unknown or expired, with a 401 in Pesapal's shape.</summary>
public sealed class PesapalAuthFilter(PesapalTokens tokens) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var check = tokens.Check(context.HttpContext.Request.Headers.Authorization);
        if (check == TokenCheck.Valid) return await next(context);

        var (code, message) = check switch
        {
            TokenCheck.Missing => ("missing_authorization_token", "An Authorization: Bearer token from RequestToken is required."),
            TokenCheck.Expired => ("token_expired", "The bearer token has expired; request a new one."),
            _ => ("invalid_token", "The bearer token is not valid."),
        };
        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Json(new PesapalErrorResponse(PesapalError.Api(code, message), "401", message), statusCode: StatusCodes.Status401Unauthorized);
    }
}
