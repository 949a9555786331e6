using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Purl.Core.Catalog;
using static Purl.Tests.Catalog.CatalogTestKit;

namespace Purl.Tests.Catalog;

/// <summary>Refreshing the materialised views, and what the home shows between refreshes.</summary>
public sealed class MarketplaceHomeTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    [Fact]
    public async Task The_views_hold_until_refreshed_and_a_second_refresh_runs_concurrently()
    {
        var vendor = await app.NewVendorAsync("Late Arrivals");
        await MarketplaceViews.RefreshAsync(app.DataSource, NullLogger.Instance, Ct);
        var service = app.GetRequiredService<MarketplaceHome>();

        var fresh = await vendor.PublishedAsync(Shoes("Brand new sandals"));
        Assert.DoesNotContain((await service.ReadHomeAsync(fromViews: true, Ct)).NewArrivals, p => p.Id == fresh.Id);
        Assert.Contains((await service.ReadHomeAsync(fromViews: false, Ct)).NewArrivals, p => p.Id == fresh.Id);

        Assert.True(await MarketplaceViews.RefreshAsync(app.DataSource, NullLogger.Instance, Ct));
        Assert.Contains((await service.ReadHomeAsync(fromViews: true, Ct)).NewArrivals, p => p.Id == fresh.Id);
    }

    [Fact]
    public async Task A_product_taken_off_sale_leaves_the_home_before_the_next_refresh()
    {
        var vendor = await app.NewVendorAsync("Quick Exit");
        var product = await vendor.PublishedAsync(Shoes("Soon gone"));
        await MarketplaceViews.RefreshAsync(app.DataSource, NullLogger.Instance, Ct);
        var service = app.GetRequiredService<MarketplaceHome>();
        Assert.Contains((await service.ReadHomeAsync(fromViews: true, Ct)).NewArrivals, p => p.Id == product.Id);

        await vendor.Api.UnpublishProductAsync(product.Id, Ct);

        Assert.DoesNotContain((await service.ReadHomeAsync(fromViews: true, Ct)).NewArrivals, p => p.Id == product.Id);
    }
}

/// <summary>
/// The home from the materialised views and from the live queries agree; until the views are filled, the live ones
/// answer. A class of its own: it needs views nobody has refreshed yet, so no other test may share its database.
/// </summary>
public sealed class MarketplaceHomeFallbackTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    [Fact]
    public async Task The_home_from_the_views_and_from_the_live_fallback_agree()
    {
        var vendor = await app.NewVendorAsync("Home Makers");
        await using (var db = app.CreateDbContext())
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 30; i++)
            {
                db.Products.Add(new Product
                {
                    VendorId = vendor.VendorId,
                    CategoryId = i % 2 == 0 ? BaseCategories.Home.Id : BaseCategories.Crafts.Id,
                    Name = $"Basket {i}",
                    Price = 300 + i,
                    Stock = 5,
                    // Far apart on every ranking, so seconds between the two reads cannot reorder them.
                    ViewCount = (i + 1) * 1000,
                    SoldCount = i,
                    Rating = 3 + i % 20 * 0.1,
                    ReviewCount = 10 + i * 7,
                    IsPublished = true,
                    CreatedAt = now.AddHours(-2 - i * 30),
                });
            }
            await db.SaveChangesAsync(Ct);
        }
        Assert.False(await PopulatedAsync("mv_hot_products"));
        var live = await HomeJsonAsync();

        Assert.True(await MarketplaceViews.RefreshAsync(app.DataSource, NullLogger.Instance, Ct));
        Assert.True(await PopulatedAsync("mv_hot_products"));
        var fromViews = await HomeJsonAsync();

        Assert.Equal(live, fromViews);
        var home = await app.Public().GetHomeAsync(Ct);
        Assert.Equal(20, home.HotProducts.Count);
        Assert.Equal(20, home.NewArrivals.Count);
        Assert.Equal("Basket 0", home.NewArrivals[0].Name);
        Assert.Equal(15, home.Categories.Single(c => c.Slug == "home").ProductCount);
        Assert.Equal(15, home.Categories.Single(c => c.Slug == "crafts").ProductCount);
        var service = app.GetRequiredService<MarketplaceHome>();
        Assert.True((await service.HomeAsync(Ct)).FromViews);
    }

    private async Task<string> HomeJsonAsync() =>
        JsonSerializer.Serialize(await app.Public().GetHomeAsync(Ct));

    private async Task<bool> PopulatedAsync(string view)
    {
        await using var command = app.DataSource.CreateCommand("SELECT ispopulated FROM pg_matviews WHERE matviewname = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = view });
        return (bool)(await command.ExecuteScalarAsync(Ct))!;
    }
}
