using Purl.Core.Caching;
using Purl.Core.Messaging;

namespace Purl.Core.Catalog;

/// <summary>
/// Evicts a product's cached page on every API instance when anything changes it, including changes made outside the
/// catalogue API (a checkout holding the last unit). The API also evicts right after its own writes; this catches the rest.
/// </summary>
[AtLeastOnce]
public sealed class ProductCacheEviction(PurlCache cache) : IConsumer<ProductChanged>
{
    public Task HandleAsync(ProductChanged message, ConsumeContext context, CancellationToken cancellationToken) =>
        cache.InvalidateAsync(CatalogCacheKeys.ProductChanged(message.ProductId, message.VendorId), cancellationToken);
}

/// <summary>Evicts a store's storefront and the product pages that show it, on every API instance.</summary>
[AtLeastOnce]
public sealed class StoreCacheEviction(PurlCache cache) : IConsumer<VendorChanged>
{
    public Task HandleAsync(VendorChanged message, ConsumeContext context, CancellationToken cancellationToken) =>
        cache.InvalidateAsync(CatalogCacheKeys.VendorChanged(message.VendorId), cancellationToken);
}
