using Npgsql;
using Purl.Core.Catalog;

namespace Purl.Core.Search;

/// <summary>
/// What the index holds per product: one denormalised row read from products, stores, categories and images, so that
/// searching never joins them. Both engines index exactly these fields; the visibility rule lives only here.
/// </summary>
public sealed record SearchDocument(
    Guid ProductId, Guid VendorId, string VendorName, bool VendorVerified,
    Guid CategoryId, string CategorySlug, string CategoryName,
    string Name, string? Description, string[] Tags, string? City, string? Image,
    decimal Price, string Currency, bool InStock, double Rating, int ReviewCount, double Popularity,
    double? Latitude, double? Longitude, DateTimeOffset CreatedAt);

/// <summary>A store as the suggestions show it.</summary>
public sealed record VendorDocument(Guid VendorId, string Name, string? LogoUrl, bool Verified, string? City, long FollowerCount);

public static class SearchDocuments
{
    /// <summary>
    /// Popularity, the tie-breaker after relevance and rating: views count, sales count double, reviews half — each on a log
    /// scale so that one viral product does not drown the rest.
    /// </summary>
    public const string PopularitySql = "(ln(1 + p.view_count) + 2 * ln(1 + p.sold_count) + 0.5 * ln(1 + p.review_count))";

    /// <summary>A product is searchable while it is active and published and its store is active.</summary>
    public const string VisibleSql = "p.is_active AND p.is_published AND v.is_active";

    /// <summary>The documents of the visible products that <paramref name="scope"/> picks (a condition on <c>p</c>), in product id order.</summary>
    public static string Select(string scope, string tail = "") => $"""
        SELECT p.id AS product_id, p.vendor_id, v.name AS vendor_name, v.is_verified AS vendor_verified,
               p.category_id, c.slug AS category_slug, c.name AS category_name,
               p.name, p.description, p.tags, v.city,
               (SELECT {ProductImage.UrlSql} FROM product_images i WHERE i.product_id = p.id {ProductImage.CoverOrderSql}) AS image,
               p.price, p.currency, {Product.InStockSql} AS in_stock, p.rating, p.review_count,
               {PopularitySql} AS popularity,
               p.latitude, p.longitude, p.created_at
        FROM products p
        JOIN vendors v ON v.id = p.vendor_id
        JOIN categories c ON c.id = p.category_id
        WHERE {VisibleSql} AND ({scope})
        ORDER BY p.id
        {tail}
        """;

    public static string SelectVendors(string scope) => $"""
        SELECT v.id AS vendor_id, v.name, v.logo_url, v.is_verified, v.city, v.follower_count
        FROM vendors v
        WHERE v.is_active AND ({scope})
        ORDER BY v.id
        """;

    /// <summary>Reads visible products with ids after <paramref name="after"/>, at most <paramref name="limit"/>, for an engine outside Postgres.</summary>
    public static async Task<List<SearchDocument>> LoadBatchAsync(NpgsqlDataSource dataSource, Guid after, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Select("p.id > @after", "LIMIT @limit"));
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, ct);
    }

    public static async Task<List<SearchDocument>> LoadAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Select("p.id = ANY(@ids)"));
        command.Parameters.AddWithValue("ids", productIds.ToArray());
        return await ReadAsync(command, ct);
    }

    public static async Task<List<SearchDocument>> LoadOfVendorAsync(NpgsqlDataSource dataSource, Guid vendorId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Select("p.vendor_id = @vendor"));
        command.Parameters.AddWithValue("vendor", vendorId);
        return await ReadAsync(command, ct);
    }

    /// <summary>The product ids of one store (visible or not), as an engine outside Postgres needs to drop the hidden ones.</summary>
    public static async Task<List<Guid>> ProductIdsOfVendorAsync(NpgsqlDataSource dataSource, Guid vendorId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM products WHERE vendor_id = @vendor");
        command.Parameters.AddWithValue("vendor", vendorId);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    public static async Task<List<VendorDocument>> LoadVendorsAsync(NpgsqlDataSource dataSource, Guid? vendorId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(SelectVendors(vendorId is null ? "true" : "v.id = @vendor"));
        if (vendorId is { } id) command.Parameters.AddWithValue("vendor", id);
        var vendors = new List<VendorDocument>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            vendors.Add(new VendorDocument(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt64(5)));
        return vendors;
    }

    /// <summary>True when the catalogue has at least one visible product (a cheap probe: the first one found).</summary>
    public static async Task<bool> AnyVisibleAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT EXISTS (SELECT 1 FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE {VisibleSql})
            """);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<List<SearchDocument>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var documents = new List<SearchDocument>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            documents.Add(new SearchDocument(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetBoolean(3),
                reader.GetGuid(4), reader.GetString(5), reader.GetString(6),
                reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetFieldValue<string[]>(9),
                reader.IsDBNull(10) ? null : reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.GetDecimal(12), reader.GetString(13).Trim(), reader.GetBoolean(14), reader.GetDouble(15), reader.GetInt32(16),
                reader.GetDouble(17), reader.IsDBNull(18) ? null : reader.GetDouble(18), reader.IsDBNull(19) ? null : reader.GetDouble(19),
                reader.GetFieldValue<DateTimeOffset>(20)));
        }
        return documents;
    }
}
