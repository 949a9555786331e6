using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Purl.Api.Client.Catalog;
using static Purl.Tests.Catalog.CatalogTestKit;

namespace Purl.Tests.Catalog;

/// <summary>Every change to a product raises ProductChanged, and a store edit VendorChanged, in the same commit.</summary>
public sealed class CatalogEventsTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    [Fact]
    public async Task Every_product_change_raises_product_changed()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.Api.CreateProductAsync(Shoes(), Ct);
        await vendor.Api.UpdateProductAsync(product.Id, Shoes("Edited") with { Version = product.Version }, Ct);
        await vendor.Api.PublishProductAsync(product.Id, Ct);
        await vendor.Api.PublishProductAsync(product.Id, Ct); // already published: no change, no event
        await vendor.Api.AddProductImageAsync(product.Id, Part(Image("jpg", 100, 100)), Ct);
        await vendor.Api.UnpublishProductAsync(product.Id, Ct);
        await vendor.Api.DeactivateProductAsync(product.Id, Ct);
        await vendor.Api.DeactivateProductAsync(product.Id, Ct); // already deactivated

        var changes = await EventsAsync("ProductChanged", "productId", product.Id);

        Assert.Equal(["created", "updated", "published", "updated", "unpublished", "deleted"], changes.Select(e => e.GetProperty("change").GetString()));
        Assert.All(changes, e => Assert.Equal(vendor.VendorId, e.GetProperty("vendorId").GetGuid()));
    }

    [Fact]
    public async Task A_refused_change_raises_nothing()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.Api.CreateProductAsync(Shoes(), Ct);

        await FailureAsync(() => vendor.Api.UpdateProductAsync(product.Id, Shoes(price: -1) with { Version = product.Version }, Ct));
        await FailureAsync(() => vendor.Api.UpdateProductAsync(product.Id, Shoes() with { Version = product.Version + 1 }, Ct));

        Assert.Equal(["created"], (await EventsAsync("ProductChanged", "productId", product.Id)).Select(e => e.GetProperty("change").GetString()));
    }

    [Fact]
    public async Task A_store_edit_raises_vendor_changed()
    {
        var vendor = await app.NewVendorAsync();
        var store = await vendor.Api.GetStoreAsync(Ct);

        await vendor.Api.UpdateStoreAsync(new StoreRequest("Renamed Store", store.Version), Ct);

        var changes = await EventsAsync("VendorChanged", "vendorId", vendor.VendorId);
        Assert.Equal(["opened", "updated"], changes.Select(e => e.GetProperty("change").GetString()));
    }

    private async Task<List<JsonElement>> EventsAsync(string type, string idField, Guid id)
    {
        await using var db = app.CreateDbContext();
        var payloads = await db.OutboxMessages.Where(m => m.Type == type).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Payload).ToListAsync(Ct);
        return payloads.Select(p => JsonDocument.Parse(p).RootElement)
            .Where(e => e.GetProperty(idField).GetGuid() == id).ToList();
    }
}
