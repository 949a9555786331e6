using System.Runtime.CompilerServices;
using Purl.Api.Client.Catalog;
using Purl.Core.Catalog;
using static Purl.Tests.Catalog.CatalogTestKit;

namespace Purl.Tests.Catalog;

/// <summary>
/// Category pages walked with cursors give every listed product exactly once, in order, for every sort, even when many
/// products share a price, a popularity or a creation time (the id breaks the tie).
/// </summary>
public sealed class CategoryPagingTests(CatalogApp app) : IClassFixture<CatalogApp>, IAsyncLifetime
{
    /// <summary>The class's products, seeded once per fixture (xunit makes a new instance of this class per test).</summary>
    private static readonly ConditionalWeakTable<CatalogApp, Task<List<Guid>>> Shelves = new();

    private List<Guid> _listed = [];

    public async ValueTask InitializeAsync() => _listed = await Shelves.GetValue(app, SeedAsync);

    private static async Task<List<Guid>> SeedAsync(CatalogApp app)
    {
        var listed = new List<Guid>();
        var vendor = await app.NewVendorAsync("Tie Breakers");
        await using var db = app.CreateDbContext();
        var sameMoment = DateTimeOffset.UtcNow.AddDays(-3);
        var random = new Random(7);
        for (var i = 0; i < 47; i++)
        {
            var product = new Product
            {
                VendorId = vendor.VendorId,
                CategoryId = BaseCategories.Shoes.Id,
                Name = $"Shoe {i}",
                Price = new[] { 500m, 750.5m, 1200m, 1200m, 3000m }[random.Next(5)],
                Stock = i % 4,
                ViewCount = new[] { 0, 10, 10, 250 }[random.Next(4)],
                SoldCount = random.Next(3),
                IsPublished = true,
                CreatedAt = i % 3 == 0 ? sameMoment : sameMoment.AddMinutes(random.Next(1000)),
            };
            db.Products.Add(product);
            listed.Add(product.Id);
        }
        // Not listed: a draft, a deactivated product, and a product of another category.
        db.Products.Add(new Product { VendorId = vendor.VendorId, CategoryId = BaseCategories.Shoes.Id, Name = "Draft", Price = 1, IsPublished = false });
        db.Products.Add(new Product { VendorId = vendor.VendorId, CategoryId = BaseCategories.Shoes.Id, Name = "Gone", Price = 1, IsPublished = true, IsActive = false });
        db.Products.Add(new Product { VendorId = vendor.VendorId, CategoryId = BaseCategories.Beauty.Id, Name = "Shea butter", Price = 1, IsPublished = true });
        await db.SaveChangesAsync(Ct);
        return listed;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static TheoryData<string, int> SortsAndPageSizes => new()
    {
        { ProductSorts.Newest, 5 },
        { ProductSorts.PriceAsc, 5 },
        { ProductSorts.PriceDesc, 7 },
        { ProductSorts.Popular, 4 },
        { ProductSorts.Newest, 47 },
        { ProductSorts.Popular, 1 },
    };

    [Theory]
    [MemberData(nameof(SortsAndPageSizes))]
    public async Task Walking_the_pages_gives_every_product_once_in_order(string sort, int pageSize)
    {
        var api = app.Public();
        var seen = new List<ProductSummaryResponse>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await api.GetCategoryProductsAsync("shoes", sort, cursor, pageSize, Ct);
            Assert.True(page.Items.Count <= pageSize);
            Assert.True(page.NextCursor is null || page.Items.Count == pageSize, "only the last page is short");
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            Assert.True(++pages <= 60, "the walk ends");
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Select(p => p.Id).Distinct().Count());
        Assert.Equal(_listed.Order(), seen.Select(p => p.Id).Order());
        var whole = await api.GetCategoryProductsAsync(BaseCategories.Shoes.Id.ToString(), sort, limit: 100, ct: Ct);
        Assert.Equal(whole.Items.Select(p => p.Id), seen.Select(p => p.Id));
        Assert.Null(whole.NextCursor);
        await AssertOrderedAsync(sort, seen);
    }

    private async Task AssertOrderedAsync(string sort, List<ProductSummaryResponse> seen)
    {
        await using var db = app.CreateDbContext();
        var popularity = db.Products.Where(p => p.CategoryId == BaseCategories.Shoes.Id).ToDictionary(p => p.Id, p => p.Popularity);
        for (var i = 1; i < seen.Count; i++)
        {
            var (before, after) = (seen[i - 1], seen[i]);
            Assert.True(sort switch
            {
                ProductSorts.Newest => before.CreatedAt >= after.CreatedAt,
                ProductSorts.PriceAsc => before.Price <= after.Price,
                ProductSorts.PriceDesc => before.Price >= after.Price,
                _ => popularity[before.Id] >= popularity[after.Id],
            }, $"{sort}: item {i - 1} comes before item {i}");
        }
    }

    [Fact]
    public async Task Categories_list_every_category_with_its_count_of_listed_products()
    {
        var categories = await app.Public().GetCategoriesAsync(Ct);

        Assert.Equal(BaseCategories.All.Select(c => c.Slug), categories.Items.Select(c => c.Slug));
        Assert.Equal(_listed.Count, categories.Items.Single(c => c.Slug == "shoes").ProductCount);
        Assert.Equal(1, categories.Items.Single(c => c.Slug == "beauty").ProductCount);
        Assert.Equal(0, categories.Items.Single(c => c.Slug == "groceries").ProductCount);
    }

    [Fact]
    public async Task The_in_stock_flag_follows_the_stock()
    {
        var page = await app.Public().GetCategoryProductsAsync("shoes", limit: 100, ct: Ct);
        await using var db = app.CreateDbContext();
        var stock = db.Products.Where(p => p.CategoryId == BaseCategories.Shoes.Id).ToDictionary(p => p.Id, p => p.Stock);

        Assert.All(page.Items, p => Assert.Equal(stock[p.Id] > 0, p.InStock));
        Assert.Contains(page.Items, p => !p.InStock);
    }
}
