using System.Net;
using System.Security.Cryptography;
using Purl.Api.Apis;
using Purl.Core.Media;
using static Purl.Tests.Catalog.CatalogTestKit;

namespace Purl.Tests.Catalog;

/// <summary>Uploads are resized to a display size and a thumbnail, stored by content hash and served as immutable.</summary>
public sealed class ProductImageTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    [Theory]
    [InlineData("jpg", "image/jpeg")]
    [InlineData("png", "image/png")]
    [InlineData("webp", "image/webp")]
    public async Task An_upload_is_resized_and_served_forever_cacheable_under_its_hash(string format, string contentType)
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.PublishedAsync();

        var image = await vendor.Api.AddProductImageAsync(product.Id, Part(Image(format, 2400, 1600), $"photo.{format}", contentType), Ct);

        Assert.Equal((1080, 720), (image.Width, image.Height));
        var http = app.CreateClient();
        using var display = await http.GetAsync(image.Url, Ct);
        using var thumbnail = await http.GetAsync(image.ThumbnailUrl, Ct);
        foreach (var response in new[] { display, thumbnail })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
            var name = response.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.Equal($"/media/{Convert.ToHexStringLower(SHA256.HashData(bytes))}.webp", name);
        }
        using var displayed = NetVips.Image.NewFromBuffer(await display.Content.ReadAsByteArrayAsync(Ct));
        using var thumb = NetVips.Image.NewFromBuffer(await thumbnail.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal((1080, 720), (displayed.Width, displayed.Height));
        Assert.Equal((320, 213), (thumb.Width, thumb.Height));
    }

    [Fact]
    public async Task A_small_image_is_not_enlarged()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.Api.CreateProductAsync(Shoes(), Ct);

        var image = await vendor.Api.AddProductImageAsync(product.Id, Part(Image("png", 200, 150), "small.png", "image/png"), Ct);

        Assert.Equal((200, 150), (image.Width, image.Height));
    }

    [Fact]
    public async Task Images_show_on_the_product_page_in_upload_order_and_the_first_is_the_tile()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.PublishedAsync();

        var first = await vendor.Api.AddProductImageAsync(product.Id, Part(Image("jpg", 900, 900)), Ct);
        var second = await vendor.Api.AddProductImageAsync(product.Id, Part(Image("jpg", 600, 400)), Ct);

        var page = await app.Public().GetProductAsync(product.Id, Ct);
        Assert.Equal([first.Id, second.Id], page.Images.Select(i => i.Id));
        var tiles = await app.Public().GetStorefrontProductsAsync(vendor.VendorId, ct: Ct);
        Assert.Equal(first.ThumbnailUrl, tiles.Items.Single().ImageUrl);
        var own = await vendor.Api.GetProductsAsync(ct: Ct);
        Assert.Equal(first.ThumbnailUrl, own.Items.Single(p => p.Id == product.Id).ImageUrl);
    }

    [Fact]
    public async Task A_media_file_answers_304_to_its_own_etag_and_404_to_unknown_names()
    {
        var vendor = await app.NewVendorAsync();
        var product = await vendor.Api.CreateProductAsync(Shoes(), Ct);
        var image = await vendor.Api.AddProductImageAsync(product.Id, Part(Image("jpg", 300, 300)), Ct);
        var http = app.CreateClient();
        using var first = await http.GetAsync(image.Url, Ct);

        using var again = new HttpRequestMessage(HttpMethod.Get, image.Url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await http.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/media/{new string('0', 64)}.webp", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/media/..%2F..%2Fsecrets.json", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_tile_is_drawn_from_its_address_and_anything_else_is_404()
    {
        var http = app.CreateClient();
        var url = Tiles.UrlOf("#A0522D", "Kiondo <bags> & more");

        using var tile = await http.GetAsync(url, Ct);

        Assert.Equal("/media/tile/a0522d/Kiondo%20%3Cbags%3E%20", url);
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.Equal("image/svg+xml", tile.Content.Headers.ContentType?.MediaType);
        Assert.Equal(MediaApi.CacheForever, tile.Headers.NonValidated["Cache-Control"].ToString());
        var svg = await tile.Content.ReadAsStringAsync(Ct);
        Assert.Contains("fill='#a0522d'", svg);
        Assert.Contains(">Kiondo &lt;bags> </text>", svg);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/media/tile/red/Hi", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/media/tile/a0522d/{new string('x', 15)}", Ct)).StatusCode);
    }
}
