using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Purl.Api.Client;
using Purl.Api.Client.Catalog;
using Purl.Core.Caching;
using Purl.Tests.Messaging;
using static Purl.Tests.Catalog.CatalogTestKit;

namespace Purl.Tests.Catalog;

/// <summary>Product pages and storefronts come from the cache until a write evicts them, on every API instance.</summary>
public sealed class CatalogCachingTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_product_page_is_served_from_the_cache_until_a_write_evicts_it()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.PublishedAsync(Shoes("Cached sandals"));
        Assert.Equal("Cached sandals", (await app.Public().GetProductAsync(product.Id, Ct)).Name);

        // Behind the API's back: the cached page does not see it.
        await using (var db = app.CreateDbContext())
            await db.Products.Where(p => p.Id == product.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "Changed in SQL"), Ct);
        Assert.Equal("Cached sandals", (await app.Public().GetProductAsync(product.Id, Ct)).Name);

        var current = await vendor.Api.GetProductAsync(product.Id, Ct);
        await vendor.Api.UpdateProductAsync(product.Id, Shoes("Edited sandals") with { Version = current.Version }, Ct);
        Assert.Equal("Edited sandals", (await app.Public().GetProductAsync(product.Id, Ct)).Name);
        Assert.True(app.GetRequiredService<CachingTelemetry>().HitRatio("product") > 0);
    }

    [Fact]
    public async Task An_edit_through_one_instance_evicts_the_page_on_the_other()
    {
        await using var other = app.StartAnotherInstance();
        var here = app.Public();
        var there = PurlApiClient.For<ICatalogApi>(other.CreateClient());
        var vendor = await app.NewVendorAsync("Two Instances");
        var product = await vendor.PublishedAsync(Shoes("Before", 1000m));
        Assert.Equal("Before", (await here.GetProductAsync(product.Id, Ct)).Name);
        Assert.Equal("Before", (await there.GetProductAsync(product.Id, Ct)).Name);
        Assert.Equal(1, (await there.GetStorefrontAsync(vendor.VendorId, Ct)).ProductCount);

        // The write goes through this instance; the other one held the page in memory.
        await vendor.Api.UpdateProductAsync(product.Id, Shoes("After", 1100m) with { Version = product.Version }, Ct);
        await Eventually.HoldsAsync(async () => (await there.GetProductAsync(product.Id, Ct)).Name == "After",
            Propagation, "the other instance serves the edited page", Ct);

        // And the other way round: a write through the other instance evicts here.
        var otherVendorApi = PurlApiClient.For<IVendorCatalogApi>(other.CreateClient().WithBearerFrom(vendor.Http));
        await otherVendorApi.UnpublishProductAsync(product.Id, Ct);
        await Eventually.HoldsAsync(async () => (await here.GetProductResponseAsync(product.Id, ct: Ct)).StatusCode == HttpStatusCode.NotFound,
            Propagation, "this instance stops serving the unpublished product", Ct);
        await Eventually.HoldsAsync(async () => (await there.GetStorefrontAsync(vendor.VendorId, Ct)).ProductCount == 0,
            Propagation, "the storefront's count follows", Ct);
    }

    [Fact]
    public async Task A_store_edit_evicts_its_product_pages_on_every_instance()
    {
        await using var other = app.StartAnotherInstance();
        var there = PurlApiClient.For<ICatalogApi>(other.CreateClient());
        var vendor = await app.NewVendorAsync("Mama Pima");
        var product = await vendor.PublishedAsync();
        Assert.Equal("Mama Pima", (await there.GetProductAsync(product.Id, Ct)).Vendor.Name);
        Assert.Equal("Mama Pima", (await there.GetStorefrontAsync(vendor.VendorId, Ct)).Name);

        var store = await vendor.Api.GetStoreAsync(Ct);
        await vendor.Api.UpdateStoreAsync(new StoreRequest("Mama Pima & Daughters", store.Version), Ct);

        await Eventually.HoldsAsync(async () => (await there.GetProductAsync(product.Id, Ct)).Vendor.Name == "Mama Pima & Daughters",
            Propagation, "the other instance's product page shows the new store name", Ct);
        Assert.Equal("Mama Pima & Daughters", (await there.GetStorefrontAsync(vendor.VendorId, Ct)).Name);
    }

    [Fact]
    public async Task Public_responses_carry_an_etag_and_answer_304_until_they_change()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.PublishedAsync();
        var api = app.Public();

        var first = await api.GetProductResponseAsync(product.Id, ct: Ct);
        var eTag = first.Headers?.ETag?.ToString()!;
        var again = await api.GetProductResponseAsync(product.Id, eTag, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.StartsWith("public, max-age=", first.Headers?.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);

        await vendor.Api.UpdateProductAsync(product.Id, Shoes("Renamed") with { Version = product.Version }, Ct);
        var changed = await api.GetProductResponseAsync(product.Id, eTag, Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(eTag, changed.Headers?.ETag?.ToString());

        var storefront = await api.GetStorefrontResponseAsync(vendor.VendorId, ct: Ct);
        Assert.Equal(HttpStatusCode.NotModified, (await api.GetStorefrontResponseAsync(vendor.VendorId, storefront.Headers?.ETag?.ToString(), Ct)).StatusCode);
        foreach (var path in new[] { "/home", "/categories", "/categories/shoes/products?sort=popular", $"/vendors/{vendor.VendorId}/products" })
            await AssertRevalidatesAsync(path);
    }

    private async Task AssertRevalidatesAsync(string path)
    {
        var http = app.CreateClient();
        using var first = await http.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Headers.ETag);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task The_hit_ratio_is_on_the_metrics_page()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.PublishedAsync();
        for (var i = 0; i < 3; i++)
            await app.Public().GetProductAsync(product.Id, Ct);

        var metrics = await app.CreateClient().GetStringAsync("/metrics", Ct);

        Assert.Contains("purl_cache_hit_ratio", metrics);
        Assert.Contains("purl_cache_requests", metrics);
    }
}

internal static class BearerCopy
{
    public static HttpClient WithBearerFrom(this HttpClient http, HttpClient from)
    {
        http.DefaultRequestHeaders.Authorization = from.DefaultRequestHeaders.Authorization is { } auth
            ? new AuthenticationHeaderValue(auth.Scheme, auth.Parameter)
            : null;
        return http;
    }
}
