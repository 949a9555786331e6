using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Purl.Api.Client;
using Purl.Api.Client.Search;
using Purl.Core.Catalog;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Core.Search;
using Purl.Tests.Messaging;

namespace Purl.Tests.Search;

/// <summary>
/// The index follows the catalogue through ProductChanged and VendorChanged, consumed by <see cref="SearchIndexer"/> in a
/// host wired like Purl.Workers; changes are raised the way the catalogue raises them (outbox, same commit). The cache is
/// off here, so each check sees the index itself (<see cref="SearchCacheTests"/> covers what a change does to cached pages).
/// </summary>
public sealed class SearchIndexSyncTests(SearchIndexSyncTests.App app) : IClassFixture<SearchIndexSyncTests.App>, IAsyncLifetime
{
    public sealed class App(Infrastructure.PurlStack stack) : SearchApp(stack)
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Search:CacheAfter"] = "1000000";
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    // Seconds on a quiet machine; the suite runs four classes at once on two cores.
    private static readonly TimeSpan WithinSeconds = TimeSpan.FromSeconds(45);
    private readonly ISearchApi _search = PurlApiClient.For<ISearchApi>(app.CreateClient());
    private IHost _workers = null!;

    public async ValueTask InitializeAsync() => _workers = await StartWorkersAsync(app, Ct);

    public async ValueTask DisposeAsync()
    {
        await _workers.StopAsync(CancellationToken.None);
        _workers.Dispose();
    }

    /// <summary>The search part of Purl.Workers, in-process, on the class's database, Redis prefix and virtual host.</summary>
    public static async Task<IHost> StartWorkersAsync(SearchApp app, CancellationToken ct)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(app.Resources.ToConfiguration());
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddPurlDatabase();
        builder.AddRedisClient("redis");
        builder.AddRabbitMQClient("rabbitmq");
        builder.AddSearch();
        builder.Services.AddMessaging(builder.Configuration);
        builder.Services.AddConsumer<ProductChanged, SearchIndexer>();
        builder.Services.AddConsumer<VendorChanged, SearchIndexer>();
        builder.Services.AddSearchIndexJobs();
        var host = builder.Build();
        await host.StartAsync(ct);
        await TestBroker.WaitForConsumersAsync(app.Resources.RabbitMq, ct, typeof(SearchIndexer));
        return host;
    }

    private Task ChangeAsync(Func<PurlDbContext, Task> change, params IEvent[] events) => CatalogueChanges.CommitAsync(app, change, events);

    private async Task<IReadOnlyList<Guid>> FindAsync(string q, string? category = null) =>
        (await _search.SearchProductsAsync(new ProductSearchQuery { Q = q, Category = category, HitsPerPage = 100 }, Ct)).Hits.Select(h => h.Id).ToList();

    [Fact]
    public async Task An_unpublished_product_leaves_the_index_within_seconds()
    {
        var id = app.Catalogue.Id("P2");
        Assert.Contains(id, await FindAsync("tecno camon"));

        await ChangeAsync(async db => (await db.Products.SingleAsync(p => p.Id == id, Ct)).IsPublished = false,
            new ProductChanged(id, app.Catalogue.StoreId("V7"), "unpublished"));

        await Eventually.HoldsAsync(async () => !(await FindAsync("tecno camon")).Contains(id), WithinSeconds, "P2 has left the search", Ct);
        Assert.DoesNotContain(id, await FindAsync("camon"));
    }

    [Fact]
    public async Task A_deleted_product_leaves_the_index()
    {
        var id = app.Catalogue.Id("K4");
        Assert.Contains(id, await FindAsync("kitabu"));

        await ChangeAsync(async db => db.Products.Remove(await db.Products.SingleAsync(p => p.Id == id, Ct)),
            new ProductChanged(id, app.Catalogue.StoreId("V6"), "deleted"));

        await Eventually.HoldsAsync(async () => !(await FindAsync("kitabu")).Contains(id), WithinSeconds, "K4 has left the search", Ct);
    }

    [Fact]
    public async Task A_new_price_moves_the_product_between_price_filters()
    {
        var id = app.Catalogue.Id("G3");

        await ChangeAsync(async db => (await db.Products.SingleAsync(p => p.Id == id, Ct)).Price = 3_333,
            new ProductChanged(id, app.Catalogue.StoreId("V10"), "price"));

        await Eventually.HoldsAsync(async () =>
        {
            var response = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "coffee", MinPrice = 3_000 }, Ct);
            return response.Hits.Any(h => h.Id == id && h.Price == 3_333m);
        }, WithinSeconds, "G3 is found at its new price", Ct);
    }

    [Fact]
    public async Task A_new_product_is_found_with_a_typo_in_a_word_no_product_had_before()
    {
        var product = new Product
        {
            VendorId = app.Catalogue.StoreId("V9"), CategoryId = BaseCategories.Home.Id, Name = "Wooden mwiko spoon set",
            Price = 450, Stock = 12, Tags = ["mwiko", "wooden"], IsPublished = true,
        };

        await ChangeAsync(db => { db.Products.Add(product); return Task.CompletedTask; },
            new ProductChanged(product.Id, product.VendorId, "created"));

        await Eventually.HoldsAsync(async () => (await FindAsync("mwikko")).Contains(product.Id), WithinSeconds, "the new product is found as 'mwikko'", Ct);
    }

    [Fact]
    public async Task A_suspended_store_takes_its_products_and_its_suggestion_with_it_and_brings_them_back()
    {
        var store = app.Catalogue.StoreId("V11");
        var soap = app.Catalogue.Id("B2");
        Assert.Contains(soap, await FindAsync("sabuni"));

        await ChangeAsync(async db => (await db.Vendors.SingleAsync(v => v.Id == store, Ct)).IsActive = false, new VendorChanged(store, "suspended"));

        await Eventually.HoldsAsync(async () => !(await FindAsync("sabuni")).Contains(soap), WithinSeconds, "B2 has left with its store", Ct);
        Assert.DoesNotContain((await _search.SuggestAsync("urembo", Ct)).Vendors, v => v.Id == store);

        await ChangeAsync(async db => (await db.Vendors.SingleAsync(v => v.Id == store, Ct)).IsActive = true, new VendorChanged(store, "updated"));

        await Eventually.HoldsAsync(async () => (await FindAsync("sabuni")).Contains(soap), WithinSeconds, "B2 is back with its store", Ct);
    }

    [Fact]
    public async Task A_store_that_is_verified_is_found_by_the_verified_filter()
    {
        var store = app.Catalogue.StoreId("V10");
        Assert.DoesNotContain(app.Catalogue.Id("G5"),
            (await _search.SearchProductsAsync(new ProductSearchQuery { Q = "honey", Verified = true }, Ct)).Hits.Select(h => h.Id));

        await ChangeAsync(async db => (await db.Vendors.SingleAsync(v => v.Id == store, Ct)).IsVerified = true, new VendorChanged(store, "verified"));

        await Eventually.HoldsAsync(async () =>
            (await _search.SearchProductsAsync(new ProductSearchQuery { Q = "honey", Verified = true }, Ct)).Hits.Any(h => h.Id == app.Catalogue.Id("G5")),
            WithinSeconds, "G5 is found among verified stores", Ct);
    }
}

public static class CatalogueChanges
{
    /// <summary>Changes rows and raises events in one commit, as the catalogue endpoints do.</summary>
    public static async Task CommitAsync(Infrastructure.PurlApp app, Func<PurlDbContext, Task> change, params IEvent[] events)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PurlDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        await change(db);
        foreach (var e in events) outbox.Add(e);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
