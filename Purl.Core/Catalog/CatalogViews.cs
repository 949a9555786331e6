namespace Purl.Core.Catalog;

/// <summary>How a store shows beside its products: name, logo, verification badge.</summary>
public sealed record VendorBadge(Guid Id, string Name, string? LogoUrl, bool Verified);

public sealed record CategoryRef(Guid Id, string Slug, string Name);

public sealed record CategoryCount(Guid Id, string Slug, string Name, long ProductCount);

/// <summary>A product in a list (category page, storefront, home): enough to draw a tile.</summary>
public sealed record ProductCard(
    Guid Id, string Name, decimal Price, string Currency, Guid CategoryId, bool InStock, double Rating, int ReviewCount,
    long Popularity, string? ImageUrl, VendorBadge Vendor, DateTimeOffset CreatedAt);

public sealed record VariantView(Guid Id, string Name, string? Sku, decimal Price, string Currency, int Stock);

public sealed record ImageView(Guid Id, string Url, string ThumbnailUrl, int Width, int Height);

/// <summary>A product page: the product with its variants, images, category and store.</summary>
public sealed record ProductView(
    Guid Id, string Name, string? Description, decimal Price, string Currency, int Stock, CategoryRef Category, VendorBadge Vendor,
    IReadOnlyList<VariantView> Variants, IReadOnlyList<ImageView> Images, IReadOnlyList<string> Tags, Coordinates? Location,
    double Rating, int ReviewCount, int SoldCount, bool IsActive, bool IsPublished, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version);

/// <summary>A store's public face.</summary>
public sealed record StorefrontView(
    Guid Id, string Name, string Slug, string? Description, string? LogoUrl, string? City, Coordinates? Location, bool Verified,
    double Rating, long FollowerCount, int ProductCount, DateTimeOffset CreatedAt, uint Version);

public sealed record MarketplaceHomeView(
    IReadOnlyList<ProductCard> HotProducts, IReadOnlyList<ProductCard> TopRated, IReadOnlyList<ProductCard> NewArrivals,
    IReadOnlyList<CategoryCount> Categories, bool FromViews);
