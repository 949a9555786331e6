using System.Globalization;
using System.Text;
using Npgsql;

namespace Purl.Bench.Search;

/// <summary>
/// The search a first version would have: <c>ILIKE '%word%'</c> over name, description, tags, category and store, joined
/// live across products, stores and categories, every word required, a count for the totals, no typo tolerance and no
/// ranking (most viewed first). Run straight against the stack's Postgres, for the ratio in <c>search-mixed</c>.
/// </summary>
public static class NaiveSearch
{
    public static NpgsqlBatch Batch(NpgsqlConnection connection, SearchRequest request)
    {
        var where = new StringBuilder("p.is_active AND p.is_published AND v.is_active");
        var parameters = new List<NpgsqlParameter>();
        var words = (request.Q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            where.Append($" AND (p.name ILIKE @w{i} OR p.description ILIKE @w{i} OR array_to_string(p.tags, ' ') ILIKE @w{i}")
                .Append($" OR c.name ILIKE @w{i} OR v.name ILIKE @w{i})");
            parameters.Add(new($"w{i}", $"%{words[i]}%"));
        }
        if (request.Category is { } category)
        {
            where.Append(" AND c.slug = @category");
            parameters.Add(new("category", category));
        }
        if (request.MinPrice is { } min)
        {
            where.Append(" AND p.price >= @min");
            parameters.Add(new("min", min));
        }
        if (request.MaxPrice is { } max)
        {
            where.Append(" AND p.price <= @max");
            parameters.Add(new("max", max));
        }
        if (request.InStock) where.Append(" AND p.stock > 0");
        if (request.Verified) where.Append(" AND v.is_verified");
        if (request.Near is { } near)
        {
            where.Append(" AND 2 * 6371 * asin(sqrt(power(sin(radians(p.latitude - @lat) / 2), 2) + cos(radians(@lat)) * cos(radians(p.latitude))")
                .Append(" * power(sin(radians(p.longitude - @lng) / 2), 2))) <= @radius");
            parameters.Add(new("lat", near.Lat));
            parameters.Add(new("lng", near.Lng));
            parameters.Add(new("radius", near.RadiusKm));
        }
        var order = request.Sort switch
        {
            "price_asc" => "p.price",
            "price_desc" => "p.price DESC",
            "rating" => "p.rating DESC",
            "newest" => "p.created_at DESC",
            _ => "p.view_count DESC",
        };
        const string From = "products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id";

        var batch = new NpgsqlBatch(connection);
        var hits = new NpgsqlBatchCommand($"""
            SELECT p.id, p.name, p.price, p.currency, p.rating, p.stock > 0, v.id, v.name, v.is_verified
            FROM {From} WHERE {where} ORDER BY {order}, p.id
            LIMIT {request.HitsPerPage} OFFSET {(request.Page * request.HitsPerPage).ToString(CultureInfo.InvariantCulture)}
            """);
        var count = new NpgsqlBatchCommand($"SELECT count(*) FROM {From} WHERE {where}");
        foreach (var p in parameters)
        {
            hits.Parameters.Add(p.Clone());
            count.Parameters.Add(p.Clone());
        }
        batch.BatchCommands.Add(hits);
        batch.BatchCommands.Add(count);
        return batch;
    }

    /// <summary>Runs one naive search: both statements in one round trip, every row read.</summary>
    public static async Task<long> RunAsync(NpgsqlDataSource dataSource, SearchRequest request, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = Batch(connection, request);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) { }
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetInt64(0);
    }
}
