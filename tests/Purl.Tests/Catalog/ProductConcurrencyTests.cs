using System.Net;
using Purl.Api.Client.Catalog;
using static Purl.Tests.Catalog.CatalogTestKit;

namespace Purl.Tests.Catalog;

/// <summary>Two edits of one product from the same version: one wins, the other gets 409, nothing is silently lost.</summary>
public sealed class ProductConcurrencyTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    [Fact]
    public async Task The_second_edit_from_a_stale_version_gets_409_and_the_first_stays()
    {
        var vendor = await app.NewVendorAsync();
        var read = await vendor.Api.CreateProductAsync(Shoes(price: 1500m), Ct);

        var first = await vendor.Api.UpdateProductAsync(read.Id, Shoes(price: 1400m) with { Version = read.Version }, Ct);
        var (status, _) = await FailureAsync(() => vendor.Api.UpdateProductAsync(read.Id, Shoes(price: 1600m) with { Version = read.Version }, Ct));

        Assert.Equal(HttpStatusCode.Conflict, status);
        var now = await vendor.Api.GetProductAsync(read.Id, Ct);
        Assert.Equal(1400m, now.Price);
        Assert.Equal(first.Version, now.Version);
    }

    [Fact]
    public async Task Of_many_simultaneous_edits_from_one_version_exactly_one_is_written()
    {
        var vendor = await app.NewVendorAsync();
        var read = await vendor.Api.CreateProductAsync(Shoes(), Ct);
        var other = app.CreateClient();
        other.DefaultRequestHeaders.Authorization = vendor.Http.DefaultRequestHeaders.Authorization;
        var otherApi = Purl.Api.Client.PurlApiClient.For<IVendorCatalogApi>(other);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                var api = i % 2 == 0 ? vendor.Api : otherApi;
                var written = await api.UpdateProductAsync(read.Id, Shoes($"Edit {i}") with { Version = read.Version }, Ct);
                return (Status: HttpStatusCode.OK, Name: (string?)written.Name);
            }
            catch (Refit.ApiException e)
            {
                return (Status: e.StatusCode, Name: (string?)null);
            }
        }));

        var winners = outcomes.Where(o => o.Status == HttpStatusCode.OK).ToList();
        Assert.Single(winners);
        Assert.All(outcomes.Except(winners), o => Assert.Equal(HttpStatusCode.Conflict, o.Status));
        Assert.Equal(winners[0].Name, (await vendor.Api.GetProductAsync(read.Id, Ct)).Name);
    }

    [Fact]
    public async Task A_store_edit_from_a_stale_version_gets_409()
    {
        var vendor = await app.NewVendorAsync();
        var read = await vendor.Api.GetStoreAsync(Ct);

        await vendor.Api.UpdateStoreAsync(new StoreRequest("First Edit", read.Version), Ct);
        var (status, _) = await FailureAsync(() => vendor.Api.UpdateStoreAsync(new StoreRequest("Second Edit", read.Version), Ct));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("First Edit", (await vendor.Api.GetStoreAsync(Ct)).Name);
    }
}
