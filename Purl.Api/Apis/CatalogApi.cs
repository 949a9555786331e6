using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Api.Caching;
using Purl.Api.Client;
using Purl.Api.Client.Catalog;
using Purl.Api.RateLimiting;
using Purl.Core;
using Purl.Core.Catalog;
using Purl.Core.RateLimiting;

namespace Purl.Api.Apis;

/// <summary>
/// What buyers read, without signing in: the home, categories, storefronts, product pages and listings. Every answer
/// carries an ETag and a short Cache-Control; product pages and storefronts come from the cache.
/// </summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var marketplace = app.MapGroup("").WithTags("Catalog").RequireRateLimit(RateLimitNames.Marketplace);
        marketplace.MapGet(CatalogRoutes.Home, GetHome);
        marketplace.MapGet(CatalogRoutes.Categories, GetCategories);
        marketplace.MapGet(CatalogRoutes.CategoryProducts, GetCategoryProducts);
        marketplace.MapGet(CatalogRoutes.Product.Replace("{id}", "{id:guid}"), GetProduct);

        var store = app.MapGroup("").WithTags("Catalog").RequireRateLimit(RateLimitNames.Store);
        store.MapGet(CatalogRoutes.Storefront.Replace("{id}", "{id:guid}"), GetStorefront);
        store.MapGet(CatalogRoutes.StorefrontProducts.Replace("{id}", "{id:guid}"), GetStorefrontProducts);
        return app;
    }

    public static async Task<PublicJson<HomeResponse>> GetHome(MarketplaceHome home, CatalogPages pages, CancellationToken ct) =>
        PublicJson.From<HomeResponse>(pages.Uncached((await home.HomeAsync(ct)).ToResponse()));

    public static async Task<PublicJson<CategoriesResponse>> GetCategories(MarketplaceHome home, CatalogPages pages, CancellationToken ct)
    {
        var categories = await home.CategoriesAsync(ct);
        return PublicJson.From<CategoriesResponse>(pages.Uncached(new CategoriesResponse(categories.Select(c => c.ToResponse()).ToList())));
    }

    /// <summary><c>id</c> is the category's id or slug; <c>sort</c> newest|price_asc|price_desc|popular.</summary>
    public static async Task<Results<PublicJson<Page<ProductSummaryResponse>>, ProblemHttpResult>> GetCategoryProducts(
        string id, string? sort, string? cursor, string? limit, CatalogReads reads, CatalogPages pages, CancellationToken ct)
    {
        var query = ListingQuery.Parse(sort, cursor, limit);
        if (query.Problem is { } invalid)
            return invalid.ToHttpResult();
        var category = await reads.CategoryAsync(id, ct);
        if (category is null)
            return CatalogProblems.NoCategory.ToHttpResult();
        var page = await reads.CategoryPageAsync(category.Id, query.Value!, ct);
        return PublicJson.From<Page<ProductSummaryResponse>>(pages.Uncached(page.ToResponse()));
    }

    public static async Task<Results<PublicJson<ProductDetailResponse>, ProblemHttpResult>> GetProduct(Guid id, CatalogPages pages, CancellationToken ct) =>
        await pages.ProductAsync(id, ct) is { } product
            ? PublicJson.From<ProductDetailResponse>(product)
            : CatalogProblems.NoProduct.ToHttpResult();

    public static async Task<Results<PublicJson<StorefrontResponse>, ProblemHttpResult>> GetStorefront(Guid id, CatalogPages pages, CancellationToken ct) =>
        await pages.StorefrontAsync(id, ct) is { } storefront
            ? PublicJson.From<StorefrontResponse>(storefront)
            : CatalogProblems.NoStore.ToHttpResult();

    /// <summary>The store's listed products, newest first.</summary>
    public static async Task<Results<PublicJson<Page<ProductSummaryResponse>>, ProblemHttpResult>> GetStorefrontProducts(
        Guid id, string? cursor, string? limit, CatalogReads reads, CatalogPages pages, CancellationToken ct)
    {
        var query = ListingQuery.Parse(null, cursor, limit);
        if (query.Problem is { } invalid)
            return invalid.ToHttpResult();
        var page = await reads.VendorPageAsync(id, query.Value!, ct);
        return page is null
            ? CatalogProblems.NoStore.ToHttpResult()
            : PublicJson.From<Page<ProductSummaryResponse>>(pages.Uncached(page.ToResponse()));
    }
}
