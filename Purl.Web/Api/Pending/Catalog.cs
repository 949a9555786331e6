// TEMPORARY: a copy of the catalog branch's Purl.Api.Client/Catalog contracts (and Page<T>), so the products and store
// pages can be built before catalog lands on main. Delete this file when it does (the types collide on purpose).
using Refit;

namespace Purl.Api.Client
{
    
    /// <summary>One page of a list. <c>nextCursor</c> is null on the last page; pass it back as <c>cursor</c> for the next.</summary>
    public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
}

namespace Purl.Api.Client.Catalog
{
    
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
    
    public enum ProductStatus { Draft, Published, Inactive }
    
    /// <summary>
    /// A variant as sent by the vendor: give <c>id</c> to keep an existing one, leave it out to add one. <c>price</c>
    /// defaults to the product's.
    /// </summary>
    public sealed record VariantRequest(string Name, int Stock, decimal? Price = null, string? Sku = null, Guid? Id = null);
    
    /// <summary>
    /// A product as sent by the vendor, to create it (<c>POST /vendor/products</c>, as a draft) or to replace it
    /// (<c>PUT /vendor/products/{id}</c>, where <c>version</c> must be the one last read: if the product changed since,
    /// the answer is 409 and nothing is written). <c>stock</c> is left out when there are variants (each has its own);
    /// <c>location</c> defaults to the store's; <c>currency</c> can only be "KES".
    /// </summary>
    public sealed record ProductRequest(
        string Name,
        Guid CategoryId,
        decimal Price,
        int? Stock = null,
        string? Description = null,
        IReadOnlyList<VariantRequest>? Variants = null,
        IReadOnlyList<string>? Tags = null,
        GeoPoint? Location = null,
        string? Currency = null,
        uint? Version = null);
    
    public sealed record OwnVariantResponse(Guid Id, string Name, string? Sku, decimal Price, string Currency, int Stock);
    
    /// <summary>The vendor's view of their product: stock counts, status and the <c>version</c> to send with an edit.</summary>
    public sealed record OwnProductResponse(
        Guid Id, string Name, string? Description, CategoryRefResponse Category, decimal Price, string Currency, int Stock,
        ProductStatus Status, IReadOnlyList<OwnVariantResponse> Variants, IReadOnlyList<ImageResponse> Images,
        IReadOnlyList<string> Tags, GeoPoint? Location, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version);
    
    public sealed record OwnProductSummaryResponse(
        Guid Id, string Name, decimal Price, string Currency, int Stock, ProductStatus Status, string? ImageUrl,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version);
    
    /// <summary>The vendor's own store; send <c>version</c> back with an edit.</summary>
    public sealed record OwnStoreResponse(
        Guid Id, string Name, string Slug, string? Description, string? LogoUrl, string? City, GeoPoint? Location,
        bool Verified, long FollowerCount, int ProductCount, DateTimeOffset CreatedAt, uint Version);
    
    /// <summary>Replaces the store profile. The slug stays as it was. <c>logoUrl</c> is a <c>/media/…</c> path or an https address.</summary>
    public sealed record StoreRequest(string Name, uint Version, string? Description = null, string? LogoUrl = null, string? City = null, GeoPoint? Location = null);
    
    
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
}
