using System.Security.Claims;
using Purl.Core.Identity;
using Purl.Core;
using Purl.Core.RateLimiting;

namespace Purl.Api.RateLimiting;

public static class RateLimitEndpointExtensions
{
    /// <summary>Limits the endpoints per client (the signed-in user, else the client's address) with a named policy.</summary>
    public static TBuilder RequireRateLimit<TBuilder>(this TBuilder builder, string policyName) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RateLimitFilter(policyName));

    /// <summary>Who a request counts against: the signed-in user, else the address the forwarded headers say it came from.</summary>
    public static string ClientKey(HttpContext context) =>
        context.User.FindFirstValue(PurlClaims.Subject) is { } userId
            ? $"user:{userId}"
            : $"ip:{context.Connection.RemoteIpAddress}";
}

internal sealed class RateLimitFilter(string policyName) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limiter = http.RequestServices.GetRequiredService<RateLimiter>();
        var decision = await limiter.AcquireAsync(policyName, RateLimitEndpointExtensions.ClientKey(http), http.RequestAborted);
        if (decision.Allowed) return await next(context);

        return Problem.TooManyRequests($"Too many {policyName} requests; try again later.", decision.RetryAfter).ToHttpResult();
    }
}
