using Npgsql;
using Purl.Core.Media;

namespace Purl.Core.Catalog;

/// <summary>The one query shape behind every product list: the product, its store's badge and its first image's thumbnail.</summary>
internal static class ProductCards
{
    /// <summary>Selects from <c>products p</c> joined to <c>vendors v</c> and the first image; the caller adds WHERE and ORDER BY.</summary>
    public const string SelectFrom = $"""
        SELECT p.id, p.name, p.price, p.currency, p.category_id, {Product.InStockSql}, p.rating, p.review_count, p.popularity,
               img.thumbnail_hash, img.ext, v.id, v.name, v.logo_url, v.is_verified, p.created_at
        FROM products p
        JOIN vendors v ON v.id = p.vendor_id AND v.is_active
        LEFT JOIN LATERAL (
            SELECT i.thumbnail_hash, i.ext FROM product_images i WHERE i.product_id = p.id {ProductImage.CoverOrderSql}
        ) img ON true
        """;

    public const string Listed = "p.is_active AND p.is_published";

    public static ProductCard Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetDecimal(2), r.GetString(3).Trim(), r.GetGuid(4), r.GetBoolean(5), r.GetDouble(6),
        r.GetInt32(7), r.GetInt64(8),
        r.IsDBNull(9) ? null : MediaStore.UrlOf(r.GetString(9), r.GetString(10)),
        new VendorBadge(r.GetGuid(11), r.GetString(12), r.IsDBNull(13) ? null : r.GetString(13), r.GetBoolean(14)),
        r.GetFieldValue<DateTimeOffset>(15));

    public static async Task<List<ProductCard>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var cards = new List<ProductCard>();
        while (await reader.ReadAsync(ct))
            cards.Add(Read(reader));
        return cards;
    }
}
