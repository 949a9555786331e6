using Refit;

namespace Purl.Api.Client.Search;

/// <summary>
/// Product search and suggestions; public, limited to 60 requests a minute per client (429 with Retry-After beyond).
/// A bad value throws <see cref="ValidationApiException"/> with the field's message.
/// </summary>
public interface ISearchApi
{
    [Get(SearchRoutes.Products)]
    Task<SearchResponse> SearchProductsAsync([Query] ProductSearchQuery query, CancellationToken ct = default);

    /// <param name="q">From 2 to 100 characters.</param>
    [Get(SearchRoutes.Suggest)]
    Task<SuggestResponse> SuggestAsync([AliasAs("q")] string q, CancellationToken ct = default);
}
