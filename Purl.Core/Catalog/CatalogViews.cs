using System.ComponentModel;

namespace Purl.Core.Catalog;

/// <summary>How a store shows beside its products: name, logo, verification badge.</summary>
public sealed record VendorBadge(Guid Id, string Name, string? LogoUrl, bool Verified);

[ImmutableObject(true)]
public sealed record CategoryRef(Guid Id, string Slug, string Name);

public sealed record CategoryCount(Guid Id, string Slug, string Name, long ProductCount);

/// <summary>A product in a list (category page, storefront, home): enough to draw a tile.</summary>
public sealed record ProductCard(
    Guid Id, string Name, decimal Price, string Currency, Guid CategoryId, bool InStock, double Rating, int ReviewCount,
    long Popularity, string? ImageUrl, VendorBadge Vendor, DateTimeOffset CreatedAt);

/// <summary>A variant; <c>Available</c> is what buyers can still take (stock less live reservations).</summary>
public sealed record VariantView(Guid Id, string Name, string? Sku, decimal Price, string Currency, int Stock, int Available);

public sealed record ImageView(Guid Id, string Url, string ThumbnailUrl, int Width, int Height);

/// <summary>
/// A product page: the product with its variants, images, category and store. <c>Stock</c> is what is on the shelf (the
/// vendor's figure), <c>Available</c> what buyers can still take.
/// </summary>
public sealed record ProductView(
    Guid Id, string Name, string? Description, decimal Price, string Currency, int Stock, int Available, CategoryRef Category, VendorBadge Vendor,
    IReadOnlyList<VariantView> Variants, IReadOnlyList<ImageView> Images, IReadOnlyList<string> Tags, Coordinates? Location,
    double Rating, int ReviewCount, int SoldCount, bool IsActive, bool IsPublished, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version);

/// <summary>A store's public face.</summary>
public sealed record StorefrontView(
    Guid Id, string Name, string Slug, string? Description, string? LogoUrl, string? City, Coordinates? Location, bool Verified,
    double Rating, long FollowerCount, int ProductCount, DateTimeOffset CreatedAt, uint Version);

public sealed record MarketplaceHomeView(
    IReadOnlyList<ProductCard> HotProducts, IReadOnlyList<ProductCard> TopRated, IReadOnlyList<ProductCard> NewArrivals,
    IReadOnlyList<CategoryCount> Categories, bool FromViews);
