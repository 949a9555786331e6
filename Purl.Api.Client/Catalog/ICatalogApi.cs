using Refit;

namespace Purl.Api.Client.Catalog;

/// <summary>
/// What buyers read; no token needed. Every response carries an <c>ETag</c>: send it back as <c>If-None-Match</c> and an
/// unchanged resource answers 304 with no body (use the <see cref="IApiResponse"/> overloads to see headers and 304s).
/// </summary>
public interface ICatalogApi
{
    [Get(CatalogRoutes.Home)]
    Task<HomeResponse> GetHomeAsync(CancellationToken ct = default);

    [Get(CatalogRoutes.Categories)]
    Task<CategoriesResponse> GetCategoriesAsync(CancellationToken ct = default);

    /// <param name="id">The category's id or slug.</param>
    /// <param name="sort">newest (default), price_asc, price_desc or popular (see <see cref="ProductSorts"/>).</param>
    [Get(CatalogRoutes.CategoryProducts)]
    Task<Page<ProductSummaryResponse>> GetCategoryProductsAsync(string id, string? sort = null, string? cursor = null, int? limit = null, CancellationToken ct = default);

    [Get(CatalogRoutes.Storefront)]
    Task<StorefrontResponse> GetStorefrontAsync(Guid id, CancellationToken ct = default);

    [Get(CatalogRoutes.Storefront)]
    Task<IApiResponse<StorefrontResponse>> GetStorefrontResponseAsync(Guid id, [Header("If-None-Match")] string? ifNoneMatch = null, CancellationToken ct = default);

    /// <summary>The store's listed products, newest first.</summary>
    [Get(CatalogRoutes.StorefrontProducts)]
    Task<Page<ProductSummaryResponse>> GetStorefrontProductsAsync(Guid id, string? cursor = null, int? limit = null, CancellationToken ct = default);

    [Get(CatalogRoutes.Product)]
    Task<ProductDetailResponse> GetProductAsync(Guid id, CancellationToken ct = default);

    [Get(CatalogRoutes.Product)]
    Task<IApiResponse<ProductDetailResponse>> GetProductResponseAsync(Guid id, [Header("If-None-Match")] string? ifNoneMatch = null, CancellationToken ct = default);
}
