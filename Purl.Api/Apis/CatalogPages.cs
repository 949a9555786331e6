using System.ComponentModel;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Purl.Core.Caching;
using Purl.Core.Catalog;
using Purl.Core.Data;

namespace Purl.Api.Apis;

/// <summary>
/// The cached public pages of the catalogue, as the bytes sent to clients. A miss reads Postgres in a scope of its own
/// (other requests for the same key may be waiting on this read, and must not depend on the first caller's request).
/// </summary>
public sealed class CatalogPages(PurlCache cache, IServiceScopeFactory scopes, IOptions<JsonOptions> json)
{
    private readonly System.Text.Json.JsonSerializerOptions _json = json.Value.SerializerOptions;

    /// <summary>
    /// The product page. It shows its store's name and logo, so it is tagged with the store and a store edit evicts it;
    /// the tag must be known before the page is read, hence the (never-changing, also cached) product → store lookup.
    /// </summary>
    public async ValueTask<CachedResponse?> ProductAsync(Guid productId, CancellationToken ct)
    {
        var owner = await cache.GetOrCreateAsync(CatalogCacheKeys.ProductOwnerCache, CatalogCacheKeys.ProductOwner(productId), async token =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var vendorId = await scope.ServiceProvider.GetRequiredService<PurlDbContext>().Products
                .Where(p => p.Id == productId).Select(p => (Guid?)p.VendorId).FirstOrDefaultAsync(token);
            return vendorId is { } id ? new ProductOwner(id) : null;
        }, null, ct);
        if (owner is null)
            return null;

        return await cache.GetOrCreateAsync(CatalogCacheKeys.ProductCache, CatalogCacheKeys.Product(productId), async token =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var product = await scope.ServiceProvider.GetRequiredService<CatalogReads>().ListedProductAsync(productId, token);
            return product is null ? null : CachedResponse.Json(product.ToResponse(), _json);
        }, [CatalogCacheKeys.VendorTag(owner.VendorId)], ct);
    }

    public ValueTask<CachedResponse?> StorefrontAsync(Guid vendorId, CancellationToken ct) =>
        cache.GetOrCreateAsync(CatalogCacheKeys.StorefrontCache, CatalogCacheKeys.Storefront(vendorId), async token =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var storefront = await scope.ServiceProvider.GetRequiredService<CatalogReads>().StorefrontAsync(vendorId, token);
            return storefront is null ? null : CachedResponse.Json(storefront.ToResponse(), _json);
        }, null, ct);

    /// <summary>A response that is not cached server-side, still with its ETag.</summary>
    public CachedResponse Uncached<T>(T value) => CachedResponse.Json(value, _json);

    /// <summary>Which store a product belongs to: fixed for the product's life.</summary>
    [ImmutableObject(true)]
    public sealed record ProductOwner(Guid VendorId);
}
