using Purl.Api.Client;
using Purl.Api.Client.Catalog;
using Purl.Tests.Infrastructure;
using Purl.Tests.Messaging;
using StackExchange.Redis;
using static Purl.Tests.Catalog.CatalogTestKit;

namespace Purl.Tests.Catalog;

/// <summary>Stops the shared Redis, so it runs alone. Reads fall back to Postgres; caches catch up once Redis is back.</summary>
[Collection(OutageCollection.Name)]
public sealed class CatalogRedisOutageTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    [Fact]
    public async Task With_redis_down_reads_come_from_postgres_and_no_instance_keeps_a_stale_page_after()
    {
        await using var other = app.StartAnotherInstance();
        var there = PurlApiClient.For<ICatalogApi>(other.CreateClient());
        var vendor = await app.NewVendorAsync("Outage Outfitters");
        var cached = await vendor.PublishedAsync(Shoes("Cached before"));
        var uncached = await vendor.PublishedAsync(Shoes("Never cached"));
        Assert.Equal("Cached before", (await there.GetProductAsync(cached.Id, Ct)).Name);

        await app.Stack.Redis.StopAsync();
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(!app.GetRequiredService<IConnectionMultiplexer>().IsConnected),
                TimeSpan.FromSeconds(30), "the API sees Redis is gone", Ct);

            Assert.Equal("Never cached", (await app.Public().GetProductAsync(uncached.Id, Ct)).Name);
            Assert.Equal(2, (await app.Public().GetStorefrontAsync(vendor.VendorId, Ct)).ProductCount);
            Assert.Equal(2, (await app.Public().GetStorefrontProductsAsync(vendor.VendorId, ct: Ct)).Items.Count);
            Assert.NotEmpty((await app.Public().GetCategoriesAsync(Ct)).Items);
            Assert.NotEmpty((await app.Public().GetHomeAsync(Ct)).NewArrivals);

            // A write needs no Redis; the other instance cannot be told, and serves its copy until Redis is back.
            await vendor.Api.UpdateProductAsync(cached.Id, Shoes("Edited during the outage") with { Version = cached.Version }, Ct);
            Assert.Equal("Edited during the outage", (await app.Public().GetProductAsync(cached.Id, Ct)).Name);
        }
        finally
        {
            await app.Stack.Redis.StartAsync(Ct);
        }

        await Eventually.HoldsAsync(async () => (await there.GetProductAsync(cached.Id, Ct)).Name == "Edited during the outage",
            TimeSpan.FromSeconds(30), "the other instance drops what it cached before the outage", Ct);
    }
}
