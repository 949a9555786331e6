using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Purl.Core.Search.Elasticsearch;

/// <summary>
/// Search on Elasticsearch 8: the same question as <see cref="Postgres.PostgresSearchEngine"/> asks, in the query DSL
/// (<see cref="ElasticsearchRequests"/>), and the same answer. Typos are Elasticsearch's <c>fuzziness: AUTO</c>.
/// </summary>
public sealed class ElasticsearchSearchEngine(IElasticsearchApi elasticsearch, CategoryDirectory categories, IOptions<SearchOptions> options)
    : ISearchEngine
{
    public string Name => "elasticsearch";

    private string Products => ElasticsearchIndexNames.Products(options.Value);
    private string Vendors => ElasticsearchIndexNames.Vendors(options.Value);

    public async Task<ProductSearchResult> SearchAsync(ProductSearch search, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var response = await elasticsearch.SearchAsync(Products, ElasticsearchRequests.Search(search, all: true), cancellationToken);
        if (response.Hits.Total?.Value == 0 && search.Text.Terms.Count > 1)
            response = await elasticsearch.SearchAsync(Products, ElasticsearchRequests.Search(search, all: false), cancellationToken);

        var highlighter = Highlighter.For(search.Text);
        var names = await categories.AllAsync(cancellationToken);
        var aggregations = response.Aggregations ?? [];
        var facets = aggregations.TryGetValue("categories", out var byCategory)
            ? byCategory.Buckets
                .Select(b => (Id: Guid.Parse(b.Key.GetString()!), b.DocCount))
                .Select(b => names.TryGetValue(b.Id, out var n) ? new CategoryCount(b.Id, n.Slug, n.Name, b.DocCount) : new CategoryCount(b.Id, "", "", b.DocCount))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).ToList()
            : [];
        var bands = aggregations.TryGetValue("priceBands", out var byPrice)
            ? byPrice.Buckets.ToDictionary(b => int.Parse(b.Key.GetString()!, CultureInfo.InvariantCulture), b => b.DocCount)
            : [];
        return new ProductSearchResult(
            response.Hits.Hits.Select(h => ElasticsearchRequests.ReadHit(h, search.Geo, highlighter)).ToList(),
            response.Hits.Total?.Value ?? 0,
            facets,
            PriceBands.All(bands),
            clock.Elapsed);
    }

    public async Task<Suggestions> SuggestAsync(QueryText text, CancellationToken cancellationToken)
    {
        var prefix = string.Join(' ', text.Terms);
        var products = elasticsearch.SearchAsync(Products, ElasticsearchRequests.Suggest(prefix, Suggestions.MaxProducts, "name"), cancellationToken);
        var vendors = elasticsearch.SearchAsync(Vendors, ElasticsearchRequests.Suggest(prefix, Suggestions.MaxVendors, "name", "logoUrl"), cancellationToken);
        var highlighter = Highlighter.For(text, minPrefix: Suggestions.MinLength);

        return new Suggestions(
            Options(await products).Select(o =>
            {
                var name = o.Source.GetProperty("name").GetString()!;
                return new SuggestedProduct(Guid.Parse(o.Id), name, highlighter.Highlight(name));
            }).DistinctBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Take(Suggestions.MaxProducts).ToList(),
            Options(await vendors).Select(o => new SuggestedVendor(
                Guid.Parse(o.Id), o.Source.GetProperty("name").GetString()!,
                o.Source.TryGetProperty("logoUrl", out var logo) && logo.ValueKind == System.Text.Json.JsonValueKind.String ? logo.GetString() : null))
                .Take(Suggestions.MaxVendors).ToList());

        static IEnumerable<SuggestOption> Options(SearchResponse response) =>
            response.Suggest?.GetValueOrDefault("names")?.SelectMany(e => e.Options) ?? [];
    }
}

public static class ElasticsearchIndexNames
{
    public static string Products(SearchOptions options) => $"{options.ElasticsearchIndexPrefix}-products";
    public static string Vendors(SearchOptions options) => $"{options.ElasticsearchIndexPrefix}-vendors";
}
