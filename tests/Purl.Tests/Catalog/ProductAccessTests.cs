using System.Net;
using Purl.Api.Client;
using Purl.Api.Client.Catalog;
using Purl.Tests.Auth;
using static Purl.Tests.Catalog.CatalogTestKit;

namespace Purl.Tests.Catalog;

/// <summary>A vendor touches only their own store: another's product is 403, an unknown id 404.</summary>
public sealed class ProductAccessTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    [Fact]
    public async Task Another_vendors_product_is_forbidden_for_every_vendor_route()
    {
        var owner = await app.NewVendorAsync("Owner Shoes");
        var other = await app.NewVendorAsync("Other Shoes");
        var product = await owner.Api.CreateProductAsync(Shoes(), Ct);
        var calls = new Func<Task>[]
        {
            () => other.Api.GetProductAsync(product.Id, Ct),
            () => other.Api.UpdateProductAsync(product.Id, Shoes("Mine now") with { Version = product.Version }, Ct),
            () => other.Api.PublishProductAsync(product.Id, Ct),
            () => other.Api.UnpublishProductAsync(product.Id, Ct),
            () => other.Api.DeactivateProductAsync(product.Id, Ct),
            () => other.Api.AddProductImageAsync(product.Id, Part(Image("jpg", 50, 50)), Ct),
        };

        foreach (var call in calls)
            Assert.Equal(HttpStatusCode.Forbidden, (await FailureAsync(call)).Status);
        var unchanged = await owner.Api.GetProductAsync(product.Id, Ct);
        Assert.Equal(product.Version, unchanged.Version);
        Assert.Equal(ProductStatus.Draft, unchanged.Status);
    }

    [Fact]
    public async Task Unknown_ids_are_not_found()
    {
        var vendor = await app.NewVendorAsync();
        var nobody = Guid.CreateVersion7();
        var calls = new Func<Task>[]
        {
            () => vendor.Api.GetProductAsync(nobody, Ct),
            () => vendor.Api.UpdateProductAsync(nobody, Shoes() with { Version = 1 }, Ct),
            () => vendor.Api.PublishProductAsync(nobody, Ct),
            () => vendor.Api.DeactivateProductAsync(nobody, Ct),
            () => vendor.Api.AddProductImageAsync(nobody, Part(Image("jpg", 50, 50)), Ct),
            () => app.Public().GetProductAsync(nobody, Ct),
            () => app.Public().GetStorefrontAsync(nobody, Ct),
            () => app.Public().GetStorefrontProductsAsync(nobody, ct: Ct),
            () => app.Public().GetCategoryProductsAsync("no-such-category", ct: Ct),
            () => app.Public().GetCategoryProductsAsync(nobody.ToString(), ct: Ct),
        };

        foreach (var call in calls)
            Assert.Equal(HttpStatusCode.NotFound, (await FailureAsync(call)).Status);
    }

    [Fact]
    public async Task Vendor_routes_need_a_vendors_token()
    {
        var (_, buyer) = await app.RegisterAndLoginAsync("buyer");
        var asBuyer = PurlApiClient.For<IVendorCatalogApi>(app.CreateClient().WithBearer(buyer.AccessToken));
        var anonymous = PurlApiClient.For<IVendorCatalogApi>(app.CreateClient());

        Assert.Equal(HttpStatusCode.Forbidden, (await FailureAsync(() => asBuyer.CreateProductAsync(Shoes(), Ct))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await FailureAsync(() => asBuyer.GetStoreAsync(Ct))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await FailureAsync(() => anonymous.GetProductsAsync(ct: Ct))).Status);
    }
}
