using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using Purl.Core.Caching;

namespace Purl.Api.Caching;

/// <summary>
/// A public, cacheable JSON response: the body serialised once (often straight from the cache), its <c>ETag</c>, a
/// short <c>Cache-Control: public, max-age</c> so phones and CDNs can reuse it, and 304 with no body when the client's
/// <c>If-None-Match</c> already names this version.
/// </summary>
public sealed class PublicJson<T>(CachedResponse response, TimeSpan maxAge) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext.Response;
        http.Headers.ETag = response.ETag;
        http.Headers.CacheControl = $"public, max-age={(int)maxAge.TotalSeconds}";
        if (ClientHasIt(httpContext.Request, response.ETag))
        {
            http.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = "application/json; charset=utf-8";
        http.ContentLength = response.Body.Length;
        return http.Body.WriteAsync(response.Body, httpContext.RequestAborted).AsTask();
    }

    /// <summary>Weak comparison (RFC 9110 §13.1.2): the tags match whatever their W/ prefixes.</summary>
    private static bool ClientHasIt(HttpRequest request, string eTag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
            return false;
        var ours = EntityTagHeaderValue.Parse(eTag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ours, useStrongComparison: false));
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }
}

public static class PublicJson
{
    /// <summary>How long clients and CDNs may reuse a public response without asking again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    public static PublicJson<T> From<T>(CachedResponse response) => new(response, MaxAge);
}
