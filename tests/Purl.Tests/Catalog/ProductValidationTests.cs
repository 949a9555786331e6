using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Purl.Api.Client.Catalog;
using static Purl.Tests.Catalog.CatalogTestKit;

namespace Purl.Tests.Catalog;

/// <summary>Bad input answers 400 naming the field, and writes nothing.</summary>
public sealed class ProductValidationTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    public static TheoryData<string, string> BadProducts => new()
    {
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":-5,"stock":1}""", "price" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":0,"stock":1}""", "price" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":25000000,"stock":1}""", "price" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":10.005,"stock":1}""", "price" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":"cheap","stock":1}""", "price" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":100,"stock":-1}""", "stock" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":100,"stock":2000000}""", "stock" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-0000-00000000dead","price":100,"stock":1}""", "categoryId" },
        { """{"name":"Sandals","price":100,"stock":1}""", "categoryId" },
        { """{"name":"","categoryId":"0196a000-0000-7000-8000-000000000002","price":100}""", "name" },
        { $$"""{"name":"{{new string('x', 201)}}","categoryId":"0196a000-0000-7000-8000-000000000002","price":100}""", "name" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":100,"currency":"USD"}""", "currency" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":100,"variants":[{"name":"40","stock":-3}]}""", "variants[0].stock" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":100,"variants":[{"name":"40","stock":1},{"name":"40","stock":1}]}""", "variants[1].name" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":100,"variants":[{"name":"40","stock":1,"price":-1}]}""", "variants[0].price" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":100,"stock":4,"variants":[{"name":"40","stock":1}]}""", "stock" },
        { """{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":100,"location":{"lat":91,"lng":36.8}}""", "location.lat" },
        { $$"""{"name":"Sandals","categoryId":"0196a000-0000-7000-8000-000000000002","price":100,"tags":["{{new string('t', 41)}}"]}""", "tags[0]" },
    };

    [Theory]
    [MemberData(nameof(BadProducts))]
    public async Task A_bad_product_is_refused_naming_the_field(string body, string field)
    {
        var vendor = await app.NewVendorAsync();

        using var response = await vendor.Http.PostAsync(CatalogRoutes.OwnProducts, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors name {field}: {problem.RootElement}");
        Assert.Empty((await vendor.Api.GetProductsAsync(ct: Ct)).Items);
    }

    [Fact]
    public async Task An_edit_without_the_version_it_was_based_on_is_refused()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.Api.CreateProductAsync(Shoes(), Ct);

        var (status, errors) = await FailureAsync(() => vendor.Api.UpdateProductAsync(product.Id, Shoes("Renamed"), Ct));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("version", errors.Keys);
        Assert.Equal("Leather sandals", (await vendor.Api.GetProductAsync(product.Id, Ct)).Name);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_naming_the_field()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.Api.CreateProductAsync(Shoes(), Ct);
        var text = "%PDF-1.4 this is a price list, not a photo"u8.ToArray();
        var truncated = Image("jpg")[..400];

        foreach (var bytes in new[] { text, truncated })
        {
            var (status, errors) = await FailureAsync(() => vendor.Api.AddProductImageAsync(product.Id, Part(bytes), Ct));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("file", errors.Keys);
        }
        Assert.Empty((await vendor.Api.GetProductAsync(product.Id, Ct)).Images);
    }

    [Fact]
    public async Task An_image_over_the_size_limit_is_refused_naming_the_field()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.Api.CreateProductAsync(Shoes(), Ct);
        var jpeg = Image("jpg", 64, 64);
        var tooLarge = new byte[CatalogApp.MaxUploadBytes + 1];
        jpeg.CopyTo(tooLarge, 0);

        var (status, errors) = await FailureAsync(() => vendor.Api.AddProductImageAsync(product.Id, Part(tooLarge), Ct));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("file", errors.Keys);
    }

    [Fact]
    public async Task An_upload_without_the_file_field_is_refused_naming_it()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.Api.CreateProductAsync(Shoes(), Ct);

        using var response = await vendor.Http.PostAsJsonAsync(CatalogRoutes.OwnProductImages.Replace("{id}", product.Id.ToString()), new { url = "x" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"file\"", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task A_bad_listing_query_is_refused_naming_the_parameter(string query, string field)
    {
        using var response = await app.CreateClient().GetAsync($"/categories/shoes/products?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_cursor_from_one_sort_is_refused_by_another()
    {
        var vendor = await app.NewVendorAsync();
        for (var i = 0; i < 3; i++)
            await vendor.PublishedAsync(Shoes($"Pair {i}", 100 + i));
        var page = await app.Public().GetCategoryProductsAsync("shoes", ProductSorts.PriceAsc, limit: 1, ct: Ct);

        var (status, errors) = await FailureAsync(() => app.Public().GetCategoryProductsAsync("shoes", ProductSorts.Newest, page.NextCursor, 1, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("cursor", errors.Keys);
    }

    [Fact]
    public async Task A_bad_store_profile_is_refused_naming_the_field()
    {
        var vendor = await app.NewVendorAsync();
        var store = await vendor.Api.GetStoreAsync(Ct);

        var (status, errors) = await FailureAsync(() => vendor.Api.UpdateStoreAsync(
            new StoreRequest(new string('n', 81), store.Version, LogoUrl: "javascript:alert(1)"), Ct));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("name", errors.Keys);
        Assert.Contains("logoUrl", errors.Keys);
        Assert.Equal(store.Name, (await vendor.Api.GetStoreAsync(Ct)).Name);
    }
}
