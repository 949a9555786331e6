using System.Net;
using Purl.Api.Client.Catalog;
using BaseCategories = Purl.Core.Catalog.BaseCategories;
using static Purl.Tests.Catalog.CatalogTestKit;

namespace Purl.Tests.Catalog;

/// <summary>A vendor's catalogue from creation to deactivation, as the vendor and as buyers see it.</summary>
public sealed class VendorProductTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    [Fact]
    public async Task A_new_product_is_a_draft_that_the_vendor_sees_and_buyers_do_not()
    {
        var vendor = await app.NewVendorAsync();

        var created = await vendor.Api.CreateProductAsync(Shoes("Maasai beaded sandals", 2450.50m, 12), Ct);

        Assert.Equal(ProductStatus.Draft, created.Status);
        Assert.Equal("Maasai beaded sandals", created.Name);
        Assert.Equal(2450.50m, created.Price);
        Assert.Equal("KES", created.Currency);
        Assert.Equal(12, created.Stock);
        Assert.Equal("shoes", created.Category.Slug);
        Assert.Equal(["sandals", "viatu"], created.Tags);
        Assert.NotEqual(0u, created.Version);
        Assert.Equal(created.Id, (await vendor.Api.GetProductAsync(created.Id, Ct)).Id);
        Assert.Contains((await vendor.Api.GetProductsAsync(ct: Ct)).Items, p => p.Id == created.Id && p.Status == ProductStatus.Draft);
        var (status, _) = await FailureAsync(() => app.Public().GetProductAsync(created.Id, Ct));
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_published_product_shows_its_store_variants_and_stock_to_buyers()
    {
        var vendor = await app.NewVendorAsync("Kariakor Sandals");
        var request = Shoes("Tyre sandals", 900m) with
        {
            Stock = null,
            Variants = [new VariantRequest("40", 0, Sku: "TS-40"), new VariantRequest("41", 3, 950m, "TS-41")],
        };
        var created = await vendor.Api.CreateProductAsync(request, Ct);

        var published = await vendor.Api.PublishProductAsync(created.Id, Ct);
        var page = await app.Public().GetProductAsync(created.Id, Ct);

        Assert.Equal(ProductStatus.Published, published.Status);
        Assert.Equal(3, published.Stock);
        Assert.Equal("Kariakor Sandals", page.Vendor.Name);
        Assert.Equal(vendor.VendorId, page.Vendor.Id);
        Assert.True(page.InStock);
        Assert.Equal(["40", "41"], page.Variants.Select(v => v.Name));
        Assert.Equal([false, true], page.Variants.Select(v => v.InStock));
        Assert.Equal([900m, 950m], page.Variants.Select(v => v.Price));
        Assert.Equal("KES", page.Currency);
        Assert.Equal(BaseCategories.Shoes.Id, page.Category.Id);
    }

    [Fact]
    public async Task An_edit_replaces_the_fields_keeps_named_variants_and_drops_the_others()
    {
        var vendor = await app.NewVendorAsync();
        var created = await vendor.Api.CreateProductAsync(Shoes() with
        {
            Stock = null,
            Variants = [new VariantRequest("S", 2), new VariantRequest("M", 3), new VariantRequest("L", 4)],
        }, Ct);
        var medium = created.Variants.Single(v => v.Name == "M");

        var edited = await vendor.Api.UpdateProductAsync(created.Id, new ProductRequest(
            "Kitenge shirt", BaseCategories.Fashion.Id, 1800m, Description: "Wax print, Gikomba",
            Variants: [new VariantRequest("M", 10, Id: medium.Id), new VariantRequest("XL", 1, 1900m)],
            Tags: ["Kitenge", "kitenge", " shirt "], Version: created.Version), Ct);

        Assert.Equal("Kitenge shirt", edited.Name);
        Assert.Equal("fashion", edited.Category.Slug);
        Assert.Equal(["M", "XL"], edited.Variants.Select(v => v.Name));
        Assert.Equal(medium.Id, edited.Variants[0].Id);
        Assert.Equal([1800m, 1900m], edited.Variants.Select(v => v.Price));
        Assert.Equal(11, edited.Stock);
        Assert.Equal(["kitenge", "shirt"], edited.Tags);
        Assert.NotEqual(created.Version, edited.Version);
        Assert.Equal(edited, await vendor.Api.GetProductAsync(created.Id, Ct), OwnProductComparer.Instance);
    }

    [Fact]
    public async Task Unpublishing_and_deactivating_take_a_product_off_sale_and_off_the_store_count()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.PublishedAsync();
        Assert.Equal(1, (await app.Public().GetStorefrontAsync(vendor.VendorId, Ct)).ProductCount);

        await vendor.Api.UnpublishProductAsync(product.Id, Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await FailureAsync(() => app.Public().GetProductAsync(product.Id, Ct))).Status);
        Assert.Equal(0, (await app.Public().GetStorefrontAsync(vendor.VendorId, Ct)).ProductCount);

        await vendor.Api.PublishProductAsync(product.Id, Ct);
        await vendor.Api.DeactivateProductAsync(product.Id, Ct);
        await vendor.Api.DeactivateProductAsync(product.Id, Ct); // twice changes nothing

        Assert.Equal(HttpStatusCode.NotFound, (await FailureAsync(() => app.Public().GetProductAsync(product.Id, Ct))).Status);
        Assert.Equal(0, (await app.Public().GetStorefrontAsync(vendor.VendorId, Ct)).ProductCount);
        Assert.DoesNotContain((await vendor.Api.GetProductsAsync(ct: Ct)).Items, p => p.Id == product.Id);
        Assert.Contains((await vendor.Api.GetProductsAsync("inactive", ct: Ct)).Items, p => p.Id == product.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await FailureAsync(() => vendor.Api.PublishProductAsync(product.Id, Ct))).Status);
    }

    [Fact]
    public async Task A_product_without_a_location_is_where_its_store_is()
    {
        var vendor = await app.NewVendorAsync();
        var store = await vendor.Api.GetStoreAsync(Ct);
        await vendor.Api.UpdateStoreAsync(new StoreRequest(store.Name, store.Version, "Sandals", City: "Nakuru", Location: new GeoPoint(-0.3031, 36.08)), Ct);

        var here = await vendor.Api.CreateProductAsync(Shoes(), Ct);
        var there = await vendor.Api.CreateProductAsync(Shoes() with { Location = new GeoPoint(-4.0435, 39.6682) }, Ct);

        Assert.Equal(new GeoPoint(-0.3031, 36.08), here.Location);
        Assert.Equal(new GeoPoint(-4.0435, 39.6682), there.Location);
    }

    [Fact]
    public async Task A_store_edit_shows_on_its_storefront_and_product_pages()
    {
        var vendor = await app.NewVendorAsync("Old Name Shoes");
        var product = await vendor.PublishedAsync();
        Assert.Equal("Old Name Shoes", (await app.Public().GetProductAsync(product.Id, Ct)).Vendor.Name);
        var store = await vendor.Api.GetStoreAsync(Ct);

        var edited = await vendor.Api.UpdateStoreAsync(new StoreRequest("New Name Shoes", store.Version, "Since 1998",
            "/media/" + new string('a', 64) + ".webp", "Eldoret"), Ct);

        var storefront = await app.Public().GetStorefrontAsync(vendor.VendorId, Ct);
        Assert.Equal("New Name Shoes", storefront.Name);
        Assert.Equal(store.Slug, storefront.Slug);
        Assert.Equal("Since 1998", storefront.Description);
        Assert.Equal("Eldoret", storefront.City);
        Assert.Equal(1, storefront.ProductCount);
        var page = await app.Public().GetProductAsync(product.Id, Ct);
        Assert.Equal("New Name Shoes", page.Vendor.Name);
        Assert.Equal(edited.LogoUrl, page.Vendor.LogoUrl);
    }

    [Fact]
    public async Task A_storefront_lists_its_products_newest_first_in_pages()
    {
        var vendor = await app.NewVendorAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ids.Add((await vendor.PublishedAsync(Shoes($"Sandal {i}"))).Id);
        await vendor.Api.CreateProductAsync(Shoes("Unpublished"), Ct);

        var first = await app.Public().GetStorefrontProductsAsync(vendor.VendorId, limit: 3, ct: Ct);
        var second = await app.Public().GetStorefrontProductsAsync(vendor.VendorId, first.NextCursor, 3, Ct);

        Assert.Equal(Enumerable.Reverse(ids), first.Items.Concat(second.Items).Select(p => p.Id));
        Assert.Null(second.NextCursor);
    }

    private sealed class OwnProductComparer : IEqualityComparer<OwnProductResponse>
    {
        public static readonly OwnProductComparer Instance = new();

        public bool Equals(OwnProductResponse? x, OwnProductResponse? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Version == y.Version && x.Name == y.Name
            && x.Variants.SequenceEqual(y.Variants) && x.Tags.SequenceEqual(y.Tags) && x.Stock == y.Stock;

        public int GetHashCode(OwnProductResponse obj) => obj.Id.GetHashCode();
    }
}
