using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Purl.Core.Search.Postgres;

/// <summary>
/// Search over the index in <c>search_products</c>: documents analysed by Postgres full text (English stemming, so "shoes"
/// finds "shoe"), typo tolerance from the trigram-indexed vocabulary, and the search itself run in this process over a
/// snapshot of the table (<see cref="SearchSnapshots"/>, <see cref="SnapshotSearch"/>), because ranking, filtering and
/// counting facets over thousands of matching rows costs Postgres 5 to 30 ms per search and the snapshot well under one.
/// A search is two round trips: the words (corrections and stems) and whether the index changed since the snapshot.
/// Suggestions stay in SQL: they need the first few names only, which the GIN and trigram indexes give at once.
/// </summary>
public sealed class PostgresSearchEngine(NpgsqlDataSource dataSource, SearchSnapshots snapshots, CategoryDirectory categories) : ISearchEngine
{
    public string Name => "postgres";

    public async Task<ProductSearchResult> SearchAsync(ProductSearch search, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var terms = search.Text.IsEmpty ? null : await ExpandAsync(search.Text, cancellationToken);
        var snapshot = await snapshots.CurrentAsync(cancellationToken);
        var found = SnapshotSearch.Run(snapshot, search, terms?.Select(t => t.Lexemes).ToList());

        var highlighter = Highlighter.For(search.Text, terms?.SelectMany(t => t.Corrections));
        var names = await categories.AllAsync(cancellationToken);
        return new ProductSearchResult(
            found.Page.Select(h => Hit(h.Product, h.Match)).ToList(),
            found.Total,
            found.Categories
                .Select(c => names.GetValueOrDefault(c.Key) is { } n ? new CategoryCount(c.Key, n.Slug, n.Name, c.Value) : new CategoryCount(c.Key, "", "", c.Value))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).ToList(),
            PriceBands.All(found.Bands),
            clock.Elapsed);

        ProductHit Hit(IndexedProduct p, SnapshotMatch match) => new(
            p.Id, p.Name, highlighter.Highlight(p.Name), p.Price, p.Currency, p.Image, p.VendorId, p.VendorName, p.VendorVerified,
            p.Rating, p.InStock, search.Geo is null ? null : Math.Round(match.Km, 2));
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
                new("query", SuggestionTsQuery(terms, weight: "A")),
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
                new("query", SuggestionTsQuery(terms, stem: false)),
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

    /// <summary>
    /// One searched word with what else it may match: synonyms, and corrections when it is not a known word; and all of them
    /// as the lexemes they stem to, the last word as a prefix (from 3 letters), for searching the snapshot.
    /// </summary>
    private sealed record Term(string Word, IReadOnlyList<string> Synonyms, IReadOnlyList<string> Corrections, LexemeTerm Lexemes);

    /// <summary>
    /// Looks every correctable word up in the vocabulary at once: the nearest words by trigram distance (GiST), and for
    /// the last word, which may still be being typed, also the words whose beginning is nearest (<c>&lt;&lt;-&gt;</c>).
    /// A word is corrected whole when it can be; the last word otherwise as a prefix ("sneek" → sneakers). The same
    /// statement stems every word, synonym and candidate with the English configuration that made the documents.
    /// </summary>
    private async Task<IReadOnlyList<Term>> ExpandAsync(QueryText text, CancellationToken cancellationToken)
    {
        var correctable = text.Terms.Where(t => Typos.Allowed(t) > 0).ToArray();
        var last = text.Terms[^1];
        var candidates = correctable.ToDictionary(t => t, _ => new List<(string, int)>());
        var prefixCandidates = new List<(string, int)>();
        var stems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand($"""
            SELECT 0, t.term, w.word, w.frequency, {Stems("w.word")}
            FROM unnest(@terms) AS t(term)
            CROSS JOIN LATERAL (SELECT word, frequency FROM search_words ORDER BY word <-> t.term LIMIT 8) w
            UNION ALL
            (SELECT 1, @last, word, frequency, {Stems("word")} FROM search_words WHERE @prefix ORDER BY @last <<-> word LIMIT 8)
            UNION ALL
            SELECT 2, w, w, 0, {Stems("w")} FROM unnest(@words) AS s(w)
            """))
        {
            command.Parameters.AddWithValue("terms", correctable);
            command.Parameters.AddWithValue("last", last);
            command.Parameters.AddWithValue("prefix", correctable.Contains(last) && last.Length >= QueryText.MinPrefixLength);
            command.Parameters.AddWithValue("words", text.Terms.Concat(text.Terms.SelectMany(Synonyms.Of)).Distinct().ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var word = reader.GetString(2);
                stems[word] = reader.GetFieldValue<string[]>(4);
                switch (reader.GetInt32(0))
                {
                    case 0: candidates[reader.GetString(1)].Add((word, reader.GetInt32(3))); break;
                    case 1: prefixCandidates.Add((word, reader.GetInt32(3))); break;
                }
            }
        }
        return text.Terms.Select(t =>
        {
            var corrections = candidates.TryGetValue(t, out var near) ? Typos.Corrections(t, near) : [];
            if (corrections.Count == 0 && t == last && prefixCandidates.Count > 0 && !near!.Any(n => n.Item1 == t))
                corrections = Typos.PrefixCorrections(t, prefixCandidates.Concat(near!));
            var synonyms = Synonyms.Of(t);
            var prefix = t == last && t.Length >= QueryText.MinPrefixLength ? stems[t].FirstOrDefault() : null;
            var exact = (prefix is null ? new[] { t } : []).Concat(synonyms).SelectMany(w => stems[w]).Distinct().ToList();
            var corrected = corrections.SelectMany(w => stems[w]).Distinct().Except(exact).ToList();
            return new Term(t, synonyms, corrections, new LexemeTerm(exact, prefix, corrected));
        }).ToList();

        static string Stems(string word) => $"ARRAY(SELECT lexeme FROM unnest(to_tsvector('english', {word})))";
    }

    /// <summary>
    /// The tsquery text of a suggestion: each word OR its synonyms and corrections; the words joined by AND. The last word
    /// also matches as a prefix (from 2 letters). Words are letters and digits
    /// only (see <see cref="QueryText"/>), so the text cannot break the tsquery syntax.
    /// </summary>
    private static string SuggestionTsQuery(
        IReadOnlyList<Term> terms, string weight = "", bool stem = true)
    {
        var query = new StringBuilder();
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            if (i > 0) query.Append(" & ");
            var prefix = i == terms.Count - 1 && term.Word.Length >= Suggestions.MinLength;
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
}
