using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Purl.Core.Search.Postgres;

/// <summary>
/// Search over <c>search_products</c> with Postgres full text (English stemming, so "shoes" finds "shoe"), weighted ranking,
/// and typo tolerance from the trigram-indexed vocabulary. One search is at most three round trips: the corrections of
/// unknown words, the search itself (hits, total and facets in one statement), and — only when every word together found
/// nothing — the search again with any of the words.
/// </summary>
public sealed class PostgresSearchEngine(NpgsqlDataSource dataSource, CategoryDirectory categories) : ISearchEngine
{
    /// <summary>ts_rank weights for D, C, B, A: a match in the name counts ten times one in the description.</summary>
    private const string RankWeights = "'{0.1, 0.2, 0.4, 1.0}'";

    public string Name => "postgres";

    public async Task<ProductSearchResult> SearchAsync(ProductSearch search, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var terms = search.Text.IsEmpty ? null : await ExpandAsync(search.Text, cancellationToken);
        var result = await RunAsync(search, terms is null ? null : TsQuery(search.Text, terms, all: true), cancellationToken);
        if (result.Total == 0 && terms is { Count: > 1 })
            result = await RunAsync(search, TsQuery(search.Text, terms, all: false), cancellationToken);

        var highlighter = Highlighter.For(search.Text, terms?.SelectMany(t => t.Corrections));
        var names = await categories.AllAsync(cancellationToken);
        return new ProductSearchResult(
            result.Hits.Select(h => h with { Highlighted = highlighter.Highlight(h.Name) }).ToList(),
            result.Total,
            result.Categories
                .Select(c => names.TryGetValue(c.Id, out var n) ? c with { Slug = n.Slug, Name = n.Name } : c)
                .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).ToList(),
            PriceBands.All(result.Bands),
            clock.Elapsed);
    }

    public async Task<Suggestions> SuggestAsync(QueryText text, CancellationToken cancellationToken)
    {
        var terms = await ExpandAsync(text, cancellationToken);
        await using var batch = dataSource.CreateBatch();
        // For this transaction only: how close a name must be, in trigrams, to stand in for what is being typed.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)"));
        // Products: every word in the name (A), the last one as a prefix, most popular first; when that finds nothing (words
        // run together, a typo the vocabulary cannot place), from four letters, the names nearest in trigrams (the trigram
        // index on name). One per distinct name.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            WITH by_words AS (
                SELECT product_id, name FROM search_products
                WHERE document @@ to_tsquery('english', @query)
                ORDER BY popularity DESC, product_id
                LIMIT 40)
            SELECT product_id, name, 0 AS tier FROM by_words
            UNION ALL
            (SELECT product_id, name, 1 FROM search_products
             WHERE NOT EXISTS (SELECT 1 FROM by_words) AND length(@raw) >= 4 AND @raw <% name
             ORDER BY @raw <<-> name, popularity DESC, product_id
             LIMIT 10)
            """)
        {
            Parameters =
            {
                new("query", TsQuery(text, terms, all: true, weight: "A", minPrefix: Suggestions.MinLength)),
                new("raw", string.Join(' ', text.Terms)),
            },
        });
        // Stores: name words by prefix (unstemmed), or a name close enough in trigrams; the most followed first.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT vendor_id, name, logo_url FROM search_vendors
            WHERE name_document @@ to_tsquery('simple', @query) OR name % @raw
            ORDER BY name_document @@ to_tsquery('simple', @query) DESC, similarity(name, @raw) DESC, follower_count DESC, vendor_id
            LIMIT @limit
            """)
        {
            Parameters =
            {
                new("query", TsQuery(text, terms, all: true, stem: false, minPrefix: Suggestions.MinLength)),
                new("raw", string.Join(' ', text.Terms)),
                new("limit", Suggestions.MaxVendors),
            },
        });

        var highlighter = Highlighter.For(text, terms.SelectMany(t => t.Corrections), Suggestions.MinLength);
        var found = new List<(Guid Id, string Name, bool ByWords)>();
        var vendors = new List<SuggestedVendor>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            found.Add((reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2) == 0));
        var products = found
            .OrderBy(f => !f.ByWords)
            .DistinctBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .Take(Suggestions.MaxProducts)
            .Select(f => new SuggestedProduct(f.Id, f.Name, highlighter.Highlight(f.Name)))
            .ToList();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            vendors.Add(new SuggestedVendor(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return new Suggestions(products, vendors);
    }

    /// <summary>One searched word with what else it may match: synonyms, and corrections when it is not a known word.</summary>
    private sealed record Term(string Word, IReadOnlyList<string> Synonyms, IReadOnlyList<string> Corrections);

    /// <summary>
    /// Looks every correctable word up in the vocabulary at once: the nearest words by trigram distance (GiST), and for
    /// the last word, which may still be being typed, also the words whose beginning is nearest (<c>&lt;&lt;-&gt;</c>).
    /// A word is corrected whole when it can be; the last word otherwise as a prefix ("sneek" → sneakers).
    /// </summary>
    private async Task<IReadOnlyList<Term>> ExpandAsync(QueryText text, CancellationToken cancellationToken)
    {
        var correctable = text.Terms.Where(t => Typos.Allowed(t) > 0).ToArray();
        var last = text.Terms[^1];
        var candidates = correctable.ToDictionary(t => t, _ => new List<(string, int)>());
        var prefixCandidates = new List<(string, int)>();
        if (correctable.Length > 0)
        {
            await using var command = dataSource.CreateCommand("""
                SELECT false, t.term, w.word, w.frequency
                FROM unnest(@terms) AS t(term)
                CROSS JOIN LATERAL (SELECT word, frequency FROM search_words ORDER BY word <-> t.term LIMIT 8) w
                UNION ALL
                (SELECT true, @last, word, frequency FROM search_words WHERE @prefix ORDER BY @last <<-> word LIMIT 8)
                """);
            command.Parameters.AddWithValue("terms", correctable);
            command.Parameters.AddWithValue("last", last);
            command.Parameters.AddWithValue("prefix", correctable.Contains(last) && last.Length >= QueryText.MinPrefixLength);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                (reader.GetBoolean(0) ? prefixCandidates : candidates[reader.GetString(1)]).Add((reader.GetString(2), reader.GetInt32(3)));
        }
        return text.Terms.Select(t =>
        {
            var corrections = candidates.TryGetValue(t, out var near) ? Typos.Corrections(t, near) : [];
            if (corrections.Count == 0 && t == last && prefixCandidates.Count > 0 && !near!.Any(n => n.Item1 == t))
                corrections = Typos.PrefixCorrections(t, prefixCandidates.Concat(near!));
            return new Term(t, Synonyms.Of(t), corrections);
        }).ToList();
    }

    /// <summary>
    /// The tsquery text: each word OR its synonyms and corrections; the words joined by AND (<paramref name="all"/>) or OR.
    /// The last word also matches as a prefix (from 3 letters in a search, 2 in a suggestion). Words are letters and digits only (see <see cref="QueryText"/>), so the text
    /// cannot break the tsquery syntax.
    /// </summary>
    private static string TsQuery(
        QueryText text, IReadOnlyList<Term> terms, bool all, string weight = "", bool stem = true, int minPrefix = QueryText.MinPrefixLength)
    {
        var query = new StringBuilder();
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            if (i > 0) query.Append(all ? " & " : " | ");
            var prefix = i == terms.Count - 1 && term.Word.Length >= minPrefix;
            query.Append('(').Append(Lexeme(term.Word, prefix, weight));
            var others = stem ? term.Synonyms.Concat(term.Corrections) : term.Corrections;
            foreach (var other in others.Distinct())
                query.Append(" | ").Append(Lexeme(other, false, weight));
            query.Append(')');
        }
        return query.ToString();

        static string Lexeme(string word, bool prefix, string weight) =>
            prefix ? $"{word}:*{weight}" : weight.Length > 0 ? $"{word}:{weight}" : word;
    }

    private sealed record Found(IReadOnlyList<ProductHit> Hits, long Total, IReadOnlyList<CategoryCount> Categories, IReadOnlyDictionary<int, long> Bands);

    private async Task<Found> RunAsync(ProductSearch search, string? tsQuery, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        var where = new List<string>();
        var from = new StringBuilder("search_products s");
        string rank = "0::real", km = "NULL::float8";

        if (tsQuery is not null)
        {
            from.Append(" CROSS JOIN to_tsquery('english', @query) AS q(tsq)");
            command.Parameters.AddWithValue("query", tsQuery);
            where.Add("s.document @@ q.tsq");
            rank = $"ts_rank({RankWeights}, s.document, q.tsq)";
        }
        if (search.CategoryId is { } category) Add("s.category_id = @category", "category", category);
        if (search.VendorId is { } vendor) Add("s.vendor_id = @vendor", "vendor", vendor);
        if (search.EffectiveMinPrice is { } min) Add("s.price >= @min_price", "min_price", min);
        if (search.EffectiveMaxPrice is { } max) Add("s.price <= @max_price", "max_price", max);
        if (search.InStockOnly) where.Add("s.in_stock");
        if (search.VerifiedOnly) where.Add("s.vendor_verified");
        if (search.Geo is { } geo)
        {
            // A box first (cheap, on plain columns), then the exact great-circle distance.
            var latSpan = geo.RadiusKm / 111.045;
            var lngSpan = geo.RadiusKm / (111.045 * Math.Max(0.01, Math.Cos(geo.Latitude * Math.PI / 180)));
            Add("s.latitude BETWEEN @lat_min AND @lat_max", "lat_min", geo.Latitude - latSpan);
            command.Parameters.AddWithValue("lat_max", geo.Latitude + latSpan);
            if (geo.Longitude - lngSpan > -180 && geo.Longitude + lngSpan < 180)
            {
                Add("s.longitude BETWEEN @lng_min AND @lng_max", "lng_min", geo.Longitude - lngSpan);
                command.Parameters.AddWithValue("lng_max", geo.Longitude + lngSpan);
            }
            from.Append("""
                 CROSS JOIN LATERAL (SELECT 2 * 6371.0088 * asin(sqrt(
                     power(sin(radians(s.latitude - @lat) / 2), 2) +
                     cos(radians(@lat)) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - @lng) / 2), 2))) AS km) AS g
                """);
            Add("g.km <= @radius", "radius", geo.RadiusKm);
            command.Parameters.AddWithValue("lat", geo.Latitude);
            command.Parameters.AddWithValue("lng", geo.Longitude);
            km = "g.km";
        }
        command.Parameters.AddWithValue("limit", search.HitsPerPage);
        command.Parameters.AddWithValue("offset", search.Offset);
        command.Parameters.AddWithValue("bounds", PriceBands.Bounds);

        var order = OrderBy(search, tsQuery is not null);
        command.CommandText = $"""
            WITH m AS MATERIALIZED (
                SELECT s.product_id, s.category_id, s.price, s.rating, s.popularity, s.created_at, {rank} AS rank, {km} AS km
                FROM {from}
                WHERE {(where.Count == 0 ? "true" : string.Join(" AND ", where))}
            ),
            page AS (SELECT * FROM m p ORDER BY {order} LIMIT @limit OFFSET @offset)
            SELECT 0 AS kind, row_number() OVER (ORDER BY {order})::int AS n, p.product_id, s.name, s.price, s.currency, s.image,
                   s.vendor_id, s.vendor_name, s.vendor_verified, s.rating, s.in_stock, p.km, NULL::uuid AS category_id, 0::bigint AS count
            FROM page p JOIN search_products s ON s.product_id = p.product_id
            UNION ALL
            SELECT 1, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, category_id, count(*) FROM m GROUP BY category_id
            UNION ALL
            SELECT 2, width_bucket(price, @bounds), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*)
            FROM m GROUP BY 2
            """;

        var hits = new List<(int Position, ProductHit Hit)>();
        var facets = new List<CategoryCount>();
        var bands = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            switch (reader.GetInt32(0))
            {
                case 0:
                    var name = reader.GetString(3);
                    hits.Add((reader.GetInt32(1), new ProductHit(
                        reader.GetGuid(2), name, name, reader.GetDecimal(4), reader.GetString(5).Trim(),
                        reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetGuid(7), reader.GetString(8), reader.GetBoolean(9),
                        reader.GetDouble(10), reader.GetBoolean(11), reader.IsDBNull(12) ? null : Math.Round(reader.GetDouble(12), 2))));
                    break;
                case 1:
                    facets.Add(new CategoryCount(reader.GetGuid(13), "", "", reader.GetInt64(14)));
                    break;
                default:
                    bands[reader.GetInt32(1)] = reader.GetInt64(14);
                    break;
            }
        }
        return new Found(hits.OrderBy(h => h.Position).Select(h => h.Hit).ToList(), facets.Sum(f => f.Count), facets, bands);

        void Add(string condition, string name, object value)
        {
            where.Add(condition);
            command.Parameters.AddWithValue(name, value);
        }
    }

    /// <summary>
    /// Relevance: the rank rounded to two decimals (so near-equal matches count as equal), then — nearest first when the
    /// search has a point — rating, then popularity. Without words, relevance is popularity. "cheap" sorts by price.
    /// </summary>
    private static string OrderBy(ProductSearch search, bool hasText)
    {
        var near = search.Geo is null ? "" : "p.km, ";
        return search.EffectiveSort switch
        {
            SearchSort.PriceAsc => "p.price, p.rank DESC, p.popularity DESC, p.product_id",
            SearchSort.PriceDesc => "p.price DESC, p.rank DESC, p.popularity DESC, p.product_id",
            SearchSort.Rating => "p.rating DESC, p.rank DESC, p.popularity DESC, p.product_id",
            SearchSort.Newest => "p.created_at DESC, p.product_id DESC",
            _ when hasText => $"round(p.rank::numeric, 2) DESC, {near}p.rating DESC, p.popularity DESC, p.product_id",
            _ => $"{near}p.popularity DESC, p.rating DESC, p.product_id",
        };
    }
}
