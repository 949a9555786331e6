using Refit;

namespace Purl.Api.Client.Catalog;

/// <summary>
/// A vendor's own store and products; needs a vendor's access token on the HttpClient. Another store's product answers
/// 403; a stale <c>version</c> on an edit answers 409.
/// </summary>
public interface IVendorCatalogApi
{
    [Get(CatalogRoutes.OwnStore)]
    Task<OwnStoreResponse> GetStoreAsync(CancellationToken ct = default);

    [Put(CatalogRoutes.OwnStore)]
    Task<OwnStoreResponse> UpdateStoreAsync([Body] StoreRequest request, CancellationToken ct = default);

    /// <param name="status">draft, published or inactive; by default every product that is not deactivated.</param>
    [Get(CatalogRoutes.OwnProducts)]
    Task<Page<OwnProductSummaryResponse>> GetProductsAsync(string? status = null, string? cursor = null, int? limit = null, CancellationToken ct = default);

    [Post(CatalogRoutes.OwnProducts)]
    Task<OwnProductResponse> CreateProductAsync([Body] ProductRequest request, CancellationToken ct = default);

    [Get(CatalogRoutes.OwnProduct)]
    Task<OwnProductResponse> GetProductAsync(Guid id, CancellationToken ct = default);

    [Put(CatalogRoutes.OwnProduct)]
    Task<OwnProductResponse> UpdateProductAsync(Guid id, [Body] ProductRequest request, CancellationToken ct = default);

    /// <summary>Deactivates the product: off sale for good, kept for the orders that name it.</summary>
    [Delete(CatalogRoutes.OwnProduct)]
    Task DeactivateProductAsync(Guid id, CancellationToken ct = default);

    [Post(CatalogRoutes.PublishProduct)]
    Task<OwnProductResponse> PublishProductAsync(Guid id, CancellationToken ct = default);

    [Post(CatalogRoutes.UnpublishProduct)]
    Task<OwnProductResponse> UnpublishProductAsync(Guid id, CancellationToken ct = default);

    /// <summary>Uploads a JPEG, PNG or WebP (multipart field <c>file</c>, at most 10 MB by default).</summary>
    [Multipart]
    [Post(CatalogRoutes.OwnProductImages)]
    Task<ImageResponse> AddProductImageAsync(Guid id, [AliasAs("file")] StreamPart file, CancellationToken ct = default);
}
