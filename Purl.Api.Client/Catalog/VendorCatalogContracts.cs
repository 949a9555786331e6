namespace Purl.Api.Client.Catalog;

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
