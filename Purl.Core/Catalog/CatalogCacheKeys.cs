using Purl.Core.Caching;

namespace Purl.Core.Catalog;

/// <summary>What the catalogue caches, and what each kind of change makes stale.</summary>
public static class CatalogCacheKeys
{
    public const string ProductCache = "product";
    public const string StorefrontCache = "storefront";
    public const string ProductOwnerCache = "product_owner";
    public const string HomeCache = "home";
    public const string CategoriesCache = "categories";
    public const string CategoryCache = "category";

    /// <summary>The marketplace home; short-lived, and dropped whenever the materialised views are refreshed.</summary>
    public const string Home = "home";

    /// <summary>The category list with counts; like the home.</summary>
    public const string Categories = "categories";

    /// <summary>A category by the id or slug a URL named it by.</summary>
    public static string Category(string idOrSlug) => $"category:{idOrSlug}";

    /// <summary>The views were refreshed: what is built from them.</summary>
    public static CacheInvalidation ViewsRefreshed { get; } = CacheInvalidation.Of(Home, Categories);

    /// <summary>The product page; "v2" since pages carry <c>Available</c>, so no page cached before that is read as sold out.</summary>
    public static string Product(Guid productId) => $"product:v2:{productId:N}";

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
