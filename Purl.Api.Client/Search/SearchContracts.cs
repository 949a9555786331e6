using Refit;

namespace Purl.Api.Client.Search;

/// <summary>The routes of the search feature, shared by Purl.Api (mapping), this client and the tests.</summary>
public static class SearchRoutes
{
    public const string Products = "/search/products";
    public const string Suggest = "/search/suggest";
}

/// <summary>The values of <c>sort</c>.</summary>
public static class SearchSorts
{
    public const string Relevance = "relevance";
    public const string PriceAsc = "price_asc";
    public const string PriceDesc = "price_desc";
    public const string Rating = "rating";
    public const string Newest = "newest";
}

/// <summary>
/// The query of <c>GET /search/products</c>. Every value is optional: no <c>q</c> and no filters gives the most popular
/// products. <c>q</c> is at most 200 characters; "cheap" in it sorts by price (unless <c>sort</c> is given) and
/// "under 2000" sets a maximum price. <c>category</c> is an id or a slug. <c>radiusKm</c> (default 10, at most 500) needs
/// <c>lat</c> and <c>lng</c>. <c>page</c> is 0-based; <c>hitsPerPage</c> 1–100 (default 20); only the first 10,000 hits page.
/// </summary>
public sealed record ProductSearchQuery
{
    [AliasAs("q")] public string? Q { get; init; }
    [AliasAs("category")] public string? Category { get; init; }
    [AliasAs("vendor")] public Guid? Vendor { get; init; }
    [AliasAs("minPrice")] public decimal? MinPrice { get; init; }
    [AliasAs("maxPrice")] public decimal? MaxPrice { get; init; }
    [AliasAs("inStock")] public bool? InStock { get; init; }
    [AliasAs("verified")] public bool? Verified { get; init; }
    /// <summary>One of <see cref="SearchSorts"/>.</summary>
    [AliasAs("sort")] public string? Sort { get; init; }
    [AliasAs("lat")] public double? Lat { get; init; }
    [AliasAs("lng")] public double? Lng { get; init; }
    [AliasAs("radiusKm")] public double? RadiusKm { get; init; }
    [AliasAs("page")] public int? Page { get; init; }
    [AliasAs("hitsPerPage")] public int? HitsPerPage { get; init; }
}

/// <param name="Page">0-based.</param>
/// <param name="ProcessingTimeMs">The engine's time for this search (for a cached response, the time it took when it was cached).</param>
/// <param name="FromCache">True when the response is a popular search served from the cache.</param>
public sealed record SearchResponse(
    IReadOnlyList<SearchHit> Hits,
    int Page,
    int HitsPerPage,
    long TotalHits,
    int TotalPages,
    int ProcessingTimeMs,
    SearchFacets Facets,
    bool FromCache);

/// <param name="Highlighted">The name as safe HTML: matched words in <c>&lt;em&gt;…&lt;/em&gt;</c>, everything else encoded.</param>
/// <param name="Image">The first photo's URL (<c>/media/{hash}.{ext}</c>), or null.</param>
/// <param name="DistanceKm">From <c>lat</c>/<c>lng</c>, when the search gave them.</param>
public sealed record SearchHit(
    Guid Id,
    string Name,
    string Highlighted,
    decimal Price,
    string Currency,
    string? Image,
    SearchHitVendor Vendor,
    double Rating,
    bool InStock,
    double? DistanceKm);

public sealed record SearchHitVendor(Guid Id, string Name, bool Verified);

/// <summary>Counts over every hit (not only this page): per category, most first, and per price band.</summary>
public sealed record SearchFacets(IReadOnlyList<CategoryFacet> Categories, IReadOnlyList<PriceBandFacet> PriceBands);

public sealed record CategoryFacet(Guid Id, string Slug, string Name, long Count);

/// <param name="Min">Inclusive, KES; null for the lowest band.</param>
/// <param name="Max">Exclusive, KES; null for the highest band.</param>
public sealed record PriceBandFacet(decimal? Min, decimal? Max, long Count);

/// <summary><c>GET /search/suggest?q=</c>: up to 5 products (one per distinct name) and 3 stores.</summary>
public sealed record SuggestResponse(IReadOnlyList<ProductSuggestion> Products, IReadOnlyList<VendorSuggestion> Vendors);

public sealed record ProductSuggestion(Guid Id, string Name, string Highlighted);

public sealed record VendorSuggestion(Guid Id, string Name, string? LogoUrl);
