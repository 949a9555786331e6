using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Purl.Core.Caching;
using Purl.Core.Catalog;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Tests.Messaging;
using static Purl.Tests.Catalog.CatalogTestKit;

namespace Purl.Tests.Catalog;

/// <summary>
/// Changes made outside the catalogue API (a sale moving stock, a verification) raise ProductChanged or VendorChanged;
/// the workers' eviction consumers then drop the cached pages on every API instance.
/// </summary>
public sealed class CatalogCacheEvictionTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    [Fact]
    public async Task A_product_changed_by_another_feature_is_evicted_through_its_event()
    {
        await using var workers = await StartWorkersAsync();
        var vendor = await app.NewVendorAsync("Flash Sale Shoes");
        var product = await vendor.PublishedAsync(Shoes(stock: 1));
        Assert.True((await app.Public().GetProductAsync(product.Id, Ct)).InStock);

        // The last pair sells: checkout changes the row and raises the event in the same commit.
        await CommitAsync(workers, async db =>
            await db.Products.Where(p => p.Id == product.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, 0), Ct),
            new ProductChanged(product.Id, vendor.VendorId, "sold"));

        await Eventually.HoldsAsync(async () => !(await app.Public().GetProductAsync(product.Id, Ct)).InStock,
            TimeSpan.FromSeconds(30), "the product page shows it sold out", Ct);
    }

    [Fact]
    public async Task A_store_verified_by_an_admin_shows_its_badge_through_its_event()
    {
        await using var workers = await StartWorkersAsync();
        var vendor = await app.NewVendorAsync("Soon Verified");
        var product = await vendor.PublishedAsync();
        Assert.False((await app.Public().GetStorefrontAsync(vendor.VendorId, Ct)).Verified);
        Assert.False((await app.Public().GetProductAsync(product.Id, Ct)).Vendor.Verified);

        await CommitAsync(workers, async db =>
            await db.Vendors.Where(v => v.Id == vendor.VendorId).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsVerified, true), Ct),
            new VendorChanged(vendor.VendorId, "verified"));

        await Eventually.HoldsAsync(async () => (await app.Public().GetStorefrontAsync(vendor.VendorId, Ct)).Verified,
            TimeSpan.FromSeconds(30), "the storefront shows the badge", Ct);
        await Eventually.HoldsAsync(async () => (await app.Public().GetProductAsync(product.Id, Ct)).Vendor.Verified,
            TimeSpan.FromSeconds(30), "the product page shows the badge", Ct);
    }

    /// <summary>A host like Purl.Workers with the two eviction consumers, on this class's database, Redis and vhost.</summary>
    private async Task<Workers> StartWorkersAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ApplicationName = "Purl.Tests" });
        foreach (var (key, value) in app.Resources.ToConfiguration())
            builder.Configuration[key] = value;
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddPurlDatabase();
        builder.AddRedisClient("redis");
        builder.AddRabbitMQClient("rabbitmq");
        builder.Services.AddMessaging(builder.Configuration).AddOutboxRelay();
        builder.AddPurlCaching();
        builder.Services.AddConsumer<ProductChanged, ProductCacheEviction>();
        builder.Services.AddConsumer<VendorChanged, StoreCacheEviction>();
        var host = builder.Build();
        await host.StartAsync(Ct);
        await TestBroker.WaitForConsumersAsync(app.Resources.RabbitMq, Ct, typeof(ProductCacheEviction), typeof(StoreCacheEviction));
        return new Workers(host);
    }

    private sealed class Workers(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }
    }

    private static async Task CommitAsync(Workers host, Func<PurlDbContext, Task> change, IEvent @event)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PurlDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await change(db);
        scope.ServiceProvider.GetRequiredService<IOutbox>().Add(@event);
        await db.SaveChangesAsync(Ct);
        await transaction.CommitAsync(Ct);
    }
}
