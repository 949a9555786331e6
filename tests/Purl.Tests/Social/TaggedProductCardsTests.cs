using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Core.Social;
using Purl.Tests.Infrastructure;
using Purl.Tests.Messaging;
using Purl.Tests.Search;

namespace Purl.Tests.Social;

/// <summary>
/// A post carries its tagged products' cards; <see cref="TaggedProductsRefresh"/>, wired as in Purl.Workers, rewrites them
/// when a product changes, so posts already in feeds show the new name and drop a product that was taken down.
/// </summary>
public sealed class TaggedProductCardsTests(PurlApp app) : IClassFixture<PurlApp>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IHost _workers = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(app.Resources.ToConfiguration());
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddPurlDatabase();
        builder.AddRabbitMQClient("rabbitmq");
        builder.Services.AddMessaging(builder.Configuration);
        builder.Services.AddConsumer<ProductChanged, TaggedProductsRefresh>();
        _workers = builder.Build();
        await _workers.StartAsync(Ct);
        await TestBroker.WaitForConsumersAsync(app.Resources.RabbitMq, Ct, typeof(TaggedProductsRefresh));
    }

    public async ValueTask DisposeAsync()
    {
        await _workers.StopAsync(CancellationToken.None);
        _workers.Dispose();
    }

    [Fact]
    public async Task A_renamed_product_and_a_hidden_one_show_on_the_posts_that_tag_them()
    {
        var (store, _) = await app.CreateVendorAsync();
        var vendorId = store.VendorId!.Value;
        var shuka = await app.CreateProductAsync(vendorId, "Maasai shuka", 2400m);
        var kikoi = await app.CreateProductAsync(vendorId, "Kikoi wrap", 1500m);
        var post = await app.PublishAsync(store, "New in", tagged: [shuka, kikoi]);
        Assert.Equal(["Maasai shuka", "Kikoi wrap"], post.TaggedProducts.Select(t => t.Name));

        await CatalogueChanges.CommitAsync(app, async db =>
        {
            var products = await db.Products.Where(p => p.Id == shuka || p.Id == kikoi).ToListAsync(Ct);
            products.Single(p => p.Id == shuka).Name = "Maasai shuka, red";
            products.Single(p => p.Id == kikoi).IsPublished = false;
        }, new ProductChanged(shuka, vendorId, "updated"), new ProductChanged(kikoi, vendorId, "unpublished"));

        await Eventually.HoldsAsync(async () =>
        {
            var seen = await app.SocialApi(store).GetPostAsync(post.Id, Ct);
            return seen.TaggedProducts.Select(t => t.Name).SequenceEqual(["Maasai shuka, red"]);
        }, TimeSpan.FromSeconds(45), "the post shows the new name and not the hidden product", Ct);
    }
}
