using System.Net;
using NetVips;
using Purl.Api.Client;
using Purl.Api.Client.Catalog;
using Purl.Core.Catalog;
using Purl.Tests.Auth;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Catalog;

/// <summary>A signed-in vendor with a typed client for their store.</summary>
public sealed record TestVendor(Guid VendorId, IVendorCatalogApi Api, HttpClient Http);

/// <summary>Shortcuts for catalogue tests: vendors, products, images, and the public client.</summary>
internal static class CatalogTestKit
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static ICatalogApi Public(this PurlApp app) => PurlApiClient.For<ICatalogApi>(app.CreateClient());

    public static async Task<TestVendor> NewVendorAsync(this PurlApp app, string storeName = "Duka la Mama")
    {
        var (me, tokens) = await app.RegisterAndLoginAsync("vendor", storeName);
        var http = app.CreateClient().WithBearer(tokens.AccessToken);
        return new TestVendor(me.VendorId!.Value, PurlApiClient.For<IVendorCatalogApi>(http), http);
    }

    public static ProductRequest Shoes(string name = "Leather sandals", decimal price = 1500m, int stock = 10) =>
        new(name, BaseCategories.Shoes.Id, price, stock, "Hand-stitched in Kariakor", Tags: ["sandals", "viatu"]);

    public static async Task<OwnProductResponse> PublishedAsync(this TestVendor vendor, ProductRequest? request = null)
    {
        var created = await vendor.Api.CreateProductAsync(request ?? Shoes(), Ct);
        return await vendor.Api.PublishProductAsync(created.Id, Ct);
    }

    /// <summary>An image made by libvips in the given format ("jpg", "png", "webp").</summary>
    public static byte[] Image(string format = "jpg", int width = 2000, int height = 1500)
    {
        using var gradient = NetVips.Image.Xyz(width, height)[0] * (255.0 / width);
        using var rgb = gradient.Bandjoin(gradient.Invert(), gradient / 2).Cast(Enums.BandFormat.Uchar);
        return format switch
        {
            "jpg" => rgb.JpegsaveBuffer(q: 85),
            "png" => rgb.PngsaveBuffer(),
            "webp" => rgb.WebpsaveBuffer(q: 80),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    public static StreamPart Part(byte[] bytes, string fileName = "photo.jpg", string contentType = "image/jpeg") =>
        new(new MemoryStream(bytes), fileName, contentType);

    /// <summary>The status and field errors of a failed call.</summary>
    public static async Task<(HttpStatusCode Status, IDictionary<string, string[]> Errors)> FailureAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAnyAsync<ApiException>(call);
        var errors = e is ValidationApiException { Content: { } problem } ? problem.Errors : new Dictionary<string, string[]>();
        return (e.StatusCode, errors);
    }
}
