using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Api.Client;
using Purl.Api.Client.Catalog;
using Purl.Core;
using Purl.Core.Catalog;
using Purl.Core.Identity;
using Purl.Core.Media;

namespace Purl.Api.Apis;

/// <summary>
/// A vendor's own store and catalogue. Edits send the <c>version</c> they read (a field of the body, from the last
/// GET or write); a product or store changed since answers 409 and nothing is written.
/// </summary>
public static class VendorCatalogApi
{
    public const string ImageField = ImageUploads.Field;

    public static IEndpointRouteBuilder MapVendorCatalogApi(this IEndpointRouteBuilder app)
    {
        var vendor = app.MapGroup("").WithTags("Vendor catalogue").RequireAuthorization(PurlPolicies.Vendor);
        vendor.MapGet(CatalogRoutes.OwnStore, GetStore);
        vendor.MapPut(CatalogRoutes.OwnStore, UpdateStore);
        vendor.MapGet(CatalogRoutes.OwnProducts, ListProducts);
        vendor.MapPost(CatalogRoutes.OwnProducts, CreateProduct);
        vendor.MapGet(Guid(CatalogRoutes.OwnProduct), GetProduct);
        vendor.MapPut(Guid(CatalogRoutes.OwnProduct), UpdateProduct);
        vendor.MapDelete(Guid(CatalogRoutes.OwnProduct), DeactivateProduct);
        vendor.MapPost(Guid(CatalogRoutes.PublishProduct), PublishProduct);
        vendor.MapPost(Guid(CatalogRoutes.UnpublishProduct), UnpublishProduct);
        // Bearer-token API: no cookies, so no cross-site form posts to guard against.
        vendor.MapPost(Guid(CatalogRoutes.OwnProductImages), AddProductImage).DisableAntiforgery();
        return app;
    }

    private static readonly Dictionary<string, Core.Catalog.ProductStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["draft"] = Core.Catalog.ProductStatus.Draft,
        ["published"] = Core.Catalog.ProductStatus.Published,
        ["inactive"] = Core.Catalog.ProductStatus.Inactive,
    };

    private static string Guid(string route) => route.Replace("{id}", "{id:guid}");

    private static Guid VendorId(ClaimsPrincipal user) =>
        user.GetVendorId() ?? throw new InvalidOperationException("The vendor policy lets no token without vendor_id through.");

    public static async Task<Results<Ok<OwnStoreResponse>, ProblemHttpResult>> GetStore(ClaimsPrincipal user, VendorProfiles profiles, CancellationToken ct) =>
        (await profiles.GetAsync(VendorId(user), ct)).ToHttpResult(s => TypedResults.Ok(s.ToOwnResponse()));

    public static async Task<Results<Ok<OwnStoreResponse>, ProblemHttpResult>> UpdateStore(
        StoreRequest request, ClaimsPrincipal user, VendorProfiles profiles, CancellationToken ct) =>
        (await profiles.UpdateAsync(VendorId(user), request.ToDraft(), ct)).ToHttpResult(s => TypedResults.Ok(s.ToOwnResponse()));

    /// <summary><c>status</c>: draft, published or inactive; by default all but deactivated products. Newest first.</summary>
    public static async Task<Results<Ok<Page<OwnProductSummaryResponse>>, ProblemHttpResult>> ListProducts(
        string? status, string? cursor, string? limit, ClaimsPrincipal user, VendorCatalog catalog, CancellationToken ct)
    {
        Core.Catalog.ProductStatus? statusValue = null;
        if (status is not null)
        {
            if (!Statuses.TryGetValue(status, out var parsed))
                return Problem.Invalid("status", "One of draft, published, inactive.").ToHttpResult();
            statusValue = parsed;
        }
        var query = ListingQuery.Parse(null, cursor, limit);
        if (query.Problem is { } invalid)
            return invalid.ToHttpResult();
        var page = await catalog.ListAsync(VendorId(user), statusValue, query.Value!, ct);
        return TypedResults.Ok(new Page<OwnProductSummaryResponse>(page.Items.Select(p => p.ToResponse()).ToList(), page.NextCursor));
    }

    public static async Task<Results<Created<OwnProductResponse>, ProblemHttpResult>> CreateProduct(
        ProductRequest request, ClaimsPrincipal user, VendorCatalog catalog, CancellationToken ct) =>
        (await catalog.CreateAsync(VendorId(user), request.ToDraft(), ct))
            .ToHttpResult(p => TypedResults.Created(CatalogRoutes.OwnProduct.Replace("{id}", p.Id.ToString()), p.ToOwnResponse()));

    public static async Task<Results<Ok<OwnProductResponse>, ProblemHttpResult>> GetProduct(
        Guid id, ClaimsPrincipal user, VendorCatalog catalog, CancellationToken ct) =>
        (await catalog.GetAsync(VendorId(user), id, ct)).ToHttpResult(p => TypedResults.Ok(p.ToOwnResponse()));

    public static async Task<Results<Ok<OwnProductResponse>, ProblemHttpResult>> UpdateProduct(
        Guid id, ProductRequest request, ClaimsPrincipal user, VendorCatalog catalog, CancellationToken ct) =>
        (await catalog.UpdateAsync(VendorId(user), id, request.ToDraft(), request.Version, ct)).ToHttpResult(p => TypedResults.Ok(p.ToOwnResponse()));

    public static async Task<Results<NoContent, ProblemHttpResult>> DeactivateProduct(
        Guid id, ClaimsPrincipal user, VendorCatalog catalog, CancellationToken ct) =>
        (await catalog.DeactivateAsync(VendorId(user), id, ct)).ToHttpResult(_ => TypedResults.NoContent());

    public static async Task<Results<Ok<OwnProductResponse>, ProblemHttpResult>> PublishProduct(
        Guid id, ClaimsPrincipal user, VendorCatalog catalog, CancellationToken ct) =>
        (await catalog.SetPublishedAsync(VendorId(user), id, publish: true, ct)).ToHttpResult(p => TypedResults.Ok(p.ToOwnResponse()));

    public static async Task<Results<Ok<OwnProductResponse>, ProblemHttpResult>> UnpublishProduct(
        Guid id, ClaimsPrincipal user, VendorCatalog catalog, CancellationToken ct) =>
        (await catalog.SetPublishedAsync(VendorId(user), id, publish: false, ct)).ToHttpResult(p => TypedResults.Ok(p.ToOwnResponse()));

    /// <summary>A JPEG, PNG or WebP in the multipart field <c>file</c>; stored resized, served from <c>/media</c>.</summary>
    public static async Task<Results<Created<ImageResponse>, ProblemHttpResult>> AddProductImage(
        Guid id, HttpRequest request, ClaimsPrincipal user, VendorCatalog catalog, ImageProcessor images, CancellationToken ct)
    {
        var upload = await ImageUploads.ReadAsync(request, images.MaxUploadBytes, ct);
        if (upload.Problem is { } unreadable)
            return unreadable.ToHttpResult();
        return (await catalog.AddImageAsync(VendorId(user), id, upload.Value!, ImageField, ct))
            .ToHttpResult(image => TypedResults.Created(image.Url, image.ToResponse()));
    }
}
