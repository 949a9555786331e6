namespace Purl.Api.Client.Catalog;

/// <summary>The routes of the catalogue, shared by Purl.Api (mapping), this client, the tests and the bench.</summary>
public static class CatalogRoutes
{
    public const string Home = "/home";
    public const string Categories = "/categories";
    public const string CategoryProducts = "/categories/{id}/products";
    public const string Storefront = "/vendors/{id}";
    public const string StorefrontProducts = "/vendors/{id}/products";
    public const string Product = "/products/{id}";

    public const string OwnStore = "/vendor/store";
    public const string OwnProducts = "/vendor/products";
    public const string OwnProduct = "/vendor/products/{id}";
    public const string OwnProductImages = "/vendor/products/{id}/images";
    public const string PublishProduct = "/vendor/products/{id}/publish";
    public const string UnpublishProduct = "/vendor/products/{id}/unpublish";

    public const string Media = "/media/{name}";
    public const string MediaTile = "/media/tile/{colour}/{label}";

    public static string ProductOf(Guid id) => $"/products/{id}";
    public static string StorefrontOf(Guid id) => $"/vendors/{id}";
}

/// <summary>The <c>sort</c> values of category pages.</summary>
public static class ProductSorts
{
    public const string Newest = "newest";
    public const string PriceAsc = "price_asc";
    public const string PriceDesc = "price_desc";
    public const string Popular = "popular";

    public static IReadOnlyList<string> All { get; } = [Newest, PriceAsc, PriceDesc, Popular];
}

public sealed record GeoPoint(double Lat, double Lng);

/// <summary>A store as it shows beside its products.</summary>
public sealed record VendorBadgeResponse(Guid Id, string Name, string? LogoUrl, bool Verified);

public sealed record CategoryRefResponse(Guid Id, string Slug, string Name);

public sealed record CategoryResponse(Guid Id, string Slug, string Name, long ProductCount);

public sealed record CategoriesResponse(IReadOnlyList<CategoryResponse> Items);

/// <summary>A product tile. <c>imageUrl</c> is the first image's thumbnail (a <c>/media/…</c> path), or null.</summary>
public sealed record ProductSummaryResponse(
    Guid Id, string Name, decimal Price, string Currency, Guid CategoryId, bool InStock, double Rating, int ReviewCount,
    string? ImageUrl, VendorBadgeResponse Vendor, DateTimeOffset CreatedAt);

public sealed record VariantResponse(Guid Id, string Name, string? Sku, decimal Price, string Currency, bool InStock);

/// <summary>An image in its display size (<c>url</c>, <c>width</c>×<c>height</c>) and as a thumbnail.</summary>
public sealed record ImageResponse(Guid Id, string Url, string ThumbnailUrl, int Width, int Height);

/// <summary>A product page, with the store's name and logo.</summary>
public sealed record ProductDetailResponse(
    Guid Id, string Name, string? Description, decimal Price, string Currency, CategoryRefResponse Category,
    VendorBadgeResponse Vendor, bool InStock, IReadOnlyList<VariantResponse> Variants, IReadOnlyList<ImageResponse> Images,
    IReadOnlyList<string> Tags, GeoPoint? Location, double Rating, int ReviewCount, int SoldCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A store's public page: profile, verification badge, follower and product counts.</summary>
public sealed record StorefrontResponse(
    Guid Id, string Name, string Slug, string? Description, string? LogoUrl, string? City, GeoPoint? Location,
    bool Verified, double Rating, long FollowerCount, int ProductCount, DateTimeOffset CreatedAt);

public sealed record HomeResponse(
    IReadOnlyList<ProductSummaryResponse> HotProducts, IReadOnlyList<ProductSummaryResponse> TopRated,
    IReadOnlyList<ProductSummaryResponse> NewArrivals, IReadOnlyList<CategoryResponse> Categories);
