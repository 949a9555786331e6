using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Purl.Api.Client.Catalog;
using Purl.Core.Media;

namespace Purl.Api.Apis;

/// <summary>
/// Stored images by their content hash, and placeholder tiles drawn from their address (<see cref="Tiles"/>). Neither
/// address ever changes meaning, so clients and CDNs may keep them forever.
/// </summary>
public static class MediaApi
{
    public const string CacheForever = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(CatalogRoutes.Media, GetMedia).WithTags("Media");
        app.MapGet(CatalogRoutes.MediaTile, GetTile).WithTags("Media");
        return app;
    }

    public static Results<PhysicalFileHttpResult, NotFound> GetMedia(string name, MediaStore media, HttpResponse response)
    {
        if (media.Find(name) is not { } file)
            return TypedResults.NotFound();
        response.Headers.CacheControl = CacheForever;
        // The file result answers If-None-Match with 304 by itself.
        return TypedResults.PhysicalFile(file.Path, file.ContentType, entityTag: new EntityTagHeaderValue($"\"{file.Hash}\""));
    }

    public static Results<ContentHttpResult, NotFound> GetTile(string colour, string label, HttpResponse response)
    {
        if (Tiles.Svg(colour, label) is not { } svg)
            return TypedResults.NotFound();
        response.Headers.CacheControl = CacheForever; // drawn from its address alone
        return TypedResults.Content(svg, "image/svg+xml");
    }
}
