using Purl.Api.Client;
using Purl.Api.Client.Catalog;
using Purl.Core.Catalog;
using ProductStatus = Purl.Core.Catalog.ProductStatus;

namespace Purl.Api.Apis;

/// <summary>Catalogue views (Purl.Core) to the client's DTOs (Purl.Api.Client).</summary>
internal static class CatalogMapping
{
    public static VendorBadgeResponse ToResponse(this VendorBadge v) => new(v.Id, v.Name, v.LogoUrl, v.Verified);

    public static CategoryRefResponse ToResponse(this CategoryRef c) => new(c.Id, c.Slug, c.Name);

    public static CategoryResponse ToResponse(this CategoryCount c) => new(c.Id, c.Slug, c.Name, c.ProductCount);

    public static GeoPoint? ToResponse(this Coordinates? c) => c is null ? null : new GeoPoint(c.Lat, c.Lng);

    public static ImageResponse ToResponse(this ImageView i) => new(i.Id, i.Url, i.ThumbnailUrl, i.Width, i.Height);

    public static ProductSummaryResponse ToResponse(this ProductCard p) =>
        new(p.Id, p.Name, p.Price, p.Currency, p.CategoryId, p.InStock, p.Rating, p.ReviewCount, p.ImageUrl, p.Vendor.ToResponse(), p.CreatedAt);

    public static Page<ProductSummaryResponse> ToResponse(this Page<ProductCard> page) =>
        new(page.Items.Select(ToResponse).ToList(), page.NextCursor);

    public static ProductDetailResponse ToResponse(this ProductView p) => new(
        p.Id, p.Name, p.Description, p.Price, p.Currency, p.Category.ToResponse(), p.Vendor.ToResponse(), p.Available > 0,
        p.Variants.Select(v => new VariantResponse(v.Id, v.Name, v.Sku, v.Price, v.Currency, v.Available > 0)).ToList(),
        p.Images.Select(ToResponse).ToList(), p.Tags, p.Location.ToResponse(), p.Rating, p.ReviewCount, p.SoldCount,
        p.CreatedAt, p.UpdatedAt);

    public static StorefrontResponse ToResponse(this StorefrontView s) => new(
        s.Id, s.Name, s.Slug, s.Description, s.LogoUrl, s.City, s.Location.ToResponse(), s.Verified, s.Rating,
        s.FollowerCount, s.ProductCount, s.CreatedAt);

    public static HomeResponse ToResponse(this MarketplaceHomeView h) => new(
        h.HotProducts.Select(ToResponse).ToList(), h.TopRated.Select(ToResponse).ToList(),
        h.NewArrivals.Select(ToResponse).ToList(), h.Categories.Select(ToResponse).ToList());

    public static OwnProductResponse ToOwnResponse(this ProductView p) => new(
        p.Id, p.Name, p.Description, p.Category.ToResponse(), p.Price, p.Currency, p.Stock, Status(p.IsActive, p.IsPublished),
        p.Variants.Select(v => new OwnVariantResponse(v.Id, v.Name, v.Sku, v.Price, v.Currency, v.Stock)).ToList(),
        p.Images.Select(ToResponse).ToList(), p.Tags, p.Location.ToResponse(), p.CreatedAt, p.UpdatedAt, p.Version);

    public static OwnProductSummaryResponse ToResponse(this OwnProductSummary p) => new(
        p.Id, p.Name, p.Price, p.Currency, p.Stock, (Client.Catalog.ProductStatus)p.Status, p.ImageUrl, p.CreatedAt, p.UpdatedAt, p.Version);

    public static OwnStoreResponse ToOwnResponse(this StorefrontView s) => new(
        s.Id, s.Name, s.Slug, s.Description, s.LogoUrl, s.City, s.Location.ToResponse(), s.Verified, s.FollowerCount,
        s.ProductCount, s.CreatedAt, s.Version);

    public static ProductDraft ToDraft(this ProductRequest r) => new(
        r.Name, r.Description, r.CategoryId == Guid.Empty ? null : r.CategoryId, r.Price, r.Currency, r.Stock,
        r.Variants?.Select(v => v is null ? null! : new VariantDraft(v.Id, v.Name, v.Sku, v.Price, v.Stock)).ToList(),
        r.Tags, r.Location is { } l ? new Coordinates(l.Lat, l.Lng) : null);

    public static StoreDraft ToDraft(this StoreRequest r) => new(
        r.Name, r.Description, r.LogoUrl, r.City, r.Location is { } l ? new Coordinates(l.Lat, l.Lng) : null,
        r.Version == 0 ? null : r.Version);

    private static Client.Catalog.ProductStatus Status(bool active, bool published) =>
        (Client.Catalog.ProductStatus)(!active ? ProductStatus.Inactive : published ? ProductStatus.Published : ProductStatus.Draft);
}
