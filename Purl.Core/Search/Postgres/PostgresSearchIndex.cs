using System.Diagnostics;
using Npgsql;

namespace Purl.Core.Search.Postgres;

/// <summary>
/// The index as tables in <c>purldb</c> (created by the AddSearchIndex migration): <c>search_products</c>, one row per visible
/// product with a weighted tsvector (name A, tags B, category and store name C, description and city D);
/// <c>search_vendors</c> for store suggestions; <c>search_words</c>, the vocabulary of names, tags, categories, stores and
/// cities, trigram-indexed, that typo tolerance corrects words against. Each sync is one statement (the upsert, the removal of
/// what is no longer visible and the new words together), so it is atomic and can run twice without harm.
/// </summary>
public sealed class PostgresSearchIndex(NpgsqlDataSource dataSource) : ISearchIndex
{
    /// <summary>How long a removal is remembered for the snapshots that catch up from it (<see cref="SearchSnapshots"/>).</summary>
    public static readonly TimeSpan RemovalsKeptFor = TimeSpan.FromDays(1);

    /// <summary>The weighted document of one row of <see cref="SearchDocuments.Select"/> aliased <c>d</c>.</summary>
    private const string DocumentSql = """
        setweight(to_tsvector('english', d.name), 'A') ||
        setweight(to_tsvector('english', array_to_string(d.tags, ' ')), 'B') ||
        setweight(to_tsvector('english', d.category_name || ' ' || d.vendor_name), 'C') ||
        setweight(to_tsvector('english', coalesce(d.description, '') || ' ' || coalesce(d.city, '')), 'D')
        """;

    /// <summary>The words typo tolerance may correct to: everything but descriptions, lowercase, split on anything not a letter or digit.</summary>
    private const string WordsOfDocumentSql =
        "regexp_split_to_table(lower(d.name || ' ' || array_to_string(d.tags, ' ') || ' ' || d.category_name || ' ' || d.vendor_name || ' ' || coalesce(d.city, '')), '[^[:alnum:]]+')";

    /// <summary>The stored columns. The description is only searched (in the document), never read back, so it is not kept.</summary>
    private const string Columns = """
        product_id, vendor_id, vendor_name, vendor_verified, category_id, category_slug, category_name, name, tags,
        city, image, price, currency, in_stock, rating, review_count, popularity, latitude, longitude, created_at
        """;

    private static string Upsert(string scope, string removalScope, string tail = "") => $"""
        WITH doc AS MATERIALIZED ({SearchDocuments.Select(scope, tail)}),
        upserted AS (
            INSERT INTO search_products ({Columns}, document, indexed_at)
            SELECT {Columns}, {DocumentSql}, now() FROM doc d
            ON CONFLICT (product_id) DO UPDATE SET
                vendor_id = EXCLUDED.vendor_id, vendor_name = EXCLUDED.vendor_name, vendor_verified = EXCLUDED.vendor_verified,
                category_id = EXCLUDED.category_id, category_slug = EXCLUDED.category_slug, category_name = EXCLUDED.category_name,
                name = EXCLUDED.name, tags = EXCLUDED.tags, city = EXCLUDED.city,
                image = EXCLUDED.image, price = EXCLUDED.price, currency = EXCLUDED.currency, in_stock = EXCLUDED.in_stock,
                rating = EXCLUDED.rating, review_count = EXCLUDED.review_count, popularity = EXCLUDED.popularity,
                latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, created_at = EXCLUDED.created_at,
                document = EXCLUDED.document, indexed_at = EXCLUDED.indexed_at
            RETURNING 1),
        removed AS (
            DELETE FROM search_products s
            WHERE ({removalScope}) AND NOT EXISTS (SELECT 1 FROM doc d WHERE d.product_id = s.product_id)
            RETURNING 1),
        words AS (
            INSERT INTO search_words (word, frequency)
            SELECT DISTINCT w, 1 FROM doc d, {WordsOfDocumentSql} AS w
            WHERE length(w) >= 2
            ORDER BY 1
            ON CONFLICT (word) DO NOTHING
            RETURNING 1)
        SELECT (SELECT count(*) FROM upserted)::int, (SELECT count(*) FROM removed)::int,
               (SELECT d.product_id FROM doc d ORDER BY d.product_id DESC LIMIT 1),
               (SELECT count(*) FROM words)::int
        """;

    private static string UpsertVendors(string scope, string removalScope) => $"""
        WITH doc AS MATERIALIZED ({SearchDocuments.SelectVendors(scope)}),
        upserted AS (
            INSERT INTO search_vendors (vendor_id, name, logo_url, verified, city, follower_count)
            SELECT * FROM doc
            ON CONFLICT (vendor_id) DO UPDATE SET
                name = EXCLUDED.name, logo_url = EXCLUDED.logo_url, verified = EXCLUDED.verified, city = EXCLUDED.city,
                follower_count = EXCLUDED.follower_count
            RETURNING 1),
        removed AS (
            DELETE FROM search_vendors s WHERE ({removalScope}) AND NOT EXISTS (SELECT 1 FROM doc d WHERE d.vendor_id = s.vendor_id)
            RETURNING 1),
        words AS (
            INSERT INTO search_words (word, frequency)
            SELECT DISTINCT w, 1 FROM doc d, regexp_split_to_table(lower(d.name), '[^[:alnum:]]+') AS w
            WHERE length(w) >= 2
            ORDER BY 1
            ON CONFLICT (word) DO NOTHING
            RETURNING 1)
        SELECT (SELECT count(*) FROM upserted)::int, (SELECT count(*) FROM removed)::int
        """;

    public async Task<IndexSync> SyncProductsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        if (productIds.Count == 0) return IndexSync.None;
        await using var command = dataSource.CreateCommand(Upsert("p.id = ANY(@ids)", "s.product_id = ANY(@ids)"));
        command.Parameters.AddWithValue("ids", productIds.Distinct().ToArray());
        var (upserted, removed, _) = await ExecuteAsync(command, cancellationToken);
        return new IndexSync(upserted, removed);
    }

    public async Task<IndexSync> SyncVendorAsync(Guid vendorId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(UpsertVendors("v.id = @vendor", "s.vendor_id = @vendor")) { Parameters = { new("vendor", vendorId) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Upsert("p.vendor_id = @vendor", "s.vendor_id = @vendor")) { Parameters = { new("vendor", vendorId) } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new IndexSync(reader.GetInt32(0), reader.GetInt32(1));
    }

    public async Task<RebuildReport> RebuildAsync(int batchSize, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int vendors;
        await using (var command = dataSource.CreateCommand(UpsertVendors("true", "true")))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            vendors = reader.GetInt32(0);
        }

        var (products, batches, after) = (0, 0, Guid.Empty);
        while (true)
        {
            // Each batch commits by itself: searches keep working on the old rows while the rest is rebuilt.
            await using var command = dataSource.CreateCommand(Upsert("p.id > @after", "false", "LIMIT @limit"));
            command.Parameters.AddWithValue("after", after);
            command.Parameters.AddWithValue("limit", batchSize);
            var (upserted, _, last) = await ExecuteAsync(command, cancellationToken);
            batches++;
            products += upserted;
            if (last is not { } next || upserted < batchSize) break;
            after = next;
        }

        int removed;
        await using (var prune = dataSource.CreateCommand($"""
            DELETE FROM search_products s
            WHERE NOT EXISTS (SELECT 1 FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE p.id = s.product_id AND {SearchDocuments.VisibleSql})
            """))
            removed = await prune.ExecuteNonQueryAsync(cancellationToken);

        await RecountWordsAsync(cancellationToken);
        await using (var analyze = dataSource.CreateCommand("ANALYZE search_products, search_vendors, search_words"))
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        return new RebuildReport(products, removed, vendors, batches, clock.Elapsed);
    }

    public async Task<bool> NeedsRebuildAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM search_products)");
        if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!) return false;
        return await SearchDocuments.AnyVisibleAsync(dataSource, cancellationToken);
    }

    public async Task MaintainAsync(CancellationToken cancellationToken)
    {
        // Views and reviews change without a ProductChanged event; fold them in so popularity and rating stay current.
        await using (var command = dataSource.CreateCommand($"""
            UPDATE search_products s
            SET rating = p.rating, review_count = p.review_count, popularity = {SearchDocuments.PopularitySql}
            FROM products p
            WHERE p.id = s.product_id
              AND (s.rating, s.review_count, s.popularity) IS DISTINCT FROM (p.rating, p.review_count, {SearchDocuments.PopularitySql})
            """))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await using (var prune = dataSource.CreateCommand("DELETE FROM search_removals WHERE removed_at < now() - @kept"))
        {
            prune.Parameters.AddWithValue("kept", RemovalsKeptFor);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }
        await RecountWordsAsync(cancellationToken);
    }

    /// <summary>Recounts the vocabulary from the index and drops words no product or store carries any more, in one statement.</summary>
    private async Task RecountWordsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH fresh AS MATERIALIZED (
                SELECT w AS word, count(*)::int AS frequency
                FROM (SELECT DISTINCT d.product_id, w FROM search_products d, {WordsOfDocumentSql} AS w WHERE length(w) >= 2) x
                GROUP BY w
                UNION ALL
                SELECT w, 1 FROM (SELECT DISTINCT w FROM search_vendors d, regexp_split_to_table(lower(d.name), '[^[:alnum:]]+') AS w
                                  WHERE length(w) >= 2) v
            ),
            merged AS (SELECT word, max(frequency) AS frequency FROM fresh GROUP BY word),
            written AS (
                INSERT INTO search_words (word, frequency)
                SELECT word, frequency FROM merged ORDER BY word
                ON CONFLICT (word) DO UPDATE SET frequency = EXCLUDED.frequency
                WHERE search_words.frequency <> EXCLUDED.frequency
                RETURNING 1)
            DELETE FROM search_words w WHERE NOT EXISTS (SELECT 1 FROM merged m WHERE m.word = w.word)
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<(int Upserted, int Removed, Guid? Last)> ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetGuid(2));
    }
}
