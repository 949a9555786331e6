using Purl.Core.Caching;

namespace Purl.Core.Catalog;

/// <summary>What the catalogue caches, and what each kind of change makes stale.</summary>
public static class CatalogCacheKeys
{
    public const string ProductCache = "product";
    public const string StorefrontCache = "storefront";
    public const string ProductOwnerCache = "product_owner";

    public static string Product(Guid productId) => $"product:{productId:N}";

    /// <summary>Which store a product belongs to (never changes, so never invalidated).</summary>
    public static string ProductOwner(Guid productId) => $"product-owner:{productId:N}";

    public static string Storefront(Guid vendorId) => $"storefront:{vendorId:N}";

    /// <summary>Every cached entry that shows something of the store (product pages carry its name and logo).</summary>
    public static string VendorTag(Guid vendorId) => $"vendor:{vendorId:N}";

    /// <summary>A product changed: its page, and the storefront (its product count may have moved).</summary>
    public static CacheInvalidation ProductChanged(Guid productId, Guid vendorId) =>
        CacheInvalidation.Of(Product(productId), Storefront(vendorId));

    /// <summary>A store changed: its storefront and every product page that shows it.</summary>
    public static CacheInvalidation VendorChanged(Guid vendorId) =>
        CacheInvalidation.Of(Storefront(vendorId)).AndTags(VendorTag(vendorId));
}
