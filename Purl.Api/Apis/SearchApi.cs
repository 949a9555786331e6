using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Purl.Api.Client.Search;
using Purl.Api.RateLimiting;
using Purl.Core.RateLimiting;
using Purl.Core.Search;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Purl.Api.Apis;

/// <summary>
/// Product search and suggestions, public and rate-limited per client. Popular searches are answered from Redis
/// (<see cref="SearchCache"/>) with the bytes stored the first time, so a cache hit neither queries nor serialises.
/// </summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var search = app.MapGroup("").WithTags("Search").RequireRateLimit(RateLimitNames.Search);
        search.MapGet(SearchRoutes.Products, SearchProducts).Produces<SearchResponse>();
        search.MapGet(SearchRoutes.Suggest, Suggest).Produces<SuggestResponse>();
        return app;
    }

    public static async Task<Results<Ok<SearchResponse>, CachedJson, ProblemHttpResult>> SearchProducts(
        [AsParameters] ProductSearchParameters query, SearchService service, SearchCache cache, IOptions<JsonOptions> json,
        CancellationToken ct)
    {
        var parsed = ProductSearch.Parse(query);
        if (parsed.Problem is { } invalid) return invalid.ToHttpResult();
        var search = parsed.Value!;

        var key = search.CacheKey();
        if (await cache.GetAsync("products", key, ct) is { } cached) return new CachedJson(cached);

        var outcome = await service.SearchAsync(search, ct);
        if (outcome.Problem is { } problem) return problem.ToHttpResult();
        var response = ToResponse(search, outcome.Value!);
        await cache.RememberAsync("products", key,
            () => JsonSerializer.SerializeToUtf8Bytes(response with { FromCache = true }, json.Value.SerializerOptions), ct);
        return TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<SuggestResponse>, CachedJson, ProblemHttpResult>> Suggest(
        string? q, SearchService service, SearchCache cache, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var parsed = SearchService.ParseSuggestion(q);
        if (parsed.Problem is { } invalid) return invalid.ToHttpResult();
        var text = parsed.Value!;

        var key = text.CacheKey();
        if (await cache.GetAsync("suggest", key, ct) is { } cached) return new CachedJson(cached);

        var outcome = await service.SuggestAsync(text, ct);
        if (outcome.Problem is { } problem) return problem.ToHttpResult();
        var suggestions = outcome.Value!;
        var response = new SuggestResponse(
            suggestions.Products.Select(p => new ProductSuggestion(p.Id, p.Name, p.Highlighted)).ToList(),
            suggestions.Vendors.Select(v => new VendorSuggestion(v.Id, v.Name, v.LogoUrl)).ToList());
        await cache.RememberAsync("suggest", key, () => JsonSerializer.SerializeToUtf8Bytes(response, json.Value.SerializerOptions), ct);
        return TypedResults.Ok(response);
    }

    private static SearchResponse ToResponse(ProductSearch search, ProductSearchResult result) => new(
        result.Hits.Select(h => new SearchHit(
            h.Id, h.Name, h.Highlighted, h.Price, h.Currency, h.Image, new SearchHitVendor(h.VendorId, h.VendorName, h.VendorVerified),
            h.Rating, h.InStock, h.DistanceKm)).ToList(),
        search.Page,
        search.HitsPerPage,
        result.TotalHits,
        (int)((result.TotalHits + search.HitsPerPage - 1) / search.HitsPerPage),
        (int)Math.Ceiling(result.Took.TotalMilliseconds),
        new SearchFacets(
            result.Categories.Select(c => new CategoryFacet(c.Id, c.Slug, c.Name, c.Count)).ToList(),
            result.PriceBands.Select(b => new PriceBandFacet(b.Min, b.Max, b.Count)).ToList()),
        FromCache: false);
}

/// <summary>A response already serialised (a cached search): written as it is.</summary>
public sealed class CachedJson(byte[] utf8Json) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = utf8Json.Length;
        return httpContext.Response.Body.WriteAsync(utf8Json).AsTask();
    }
}
