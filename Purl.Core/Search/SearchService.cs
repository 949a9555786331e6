using System.Net;
using Microsoft.Extensions.Logging;
using Npgsql;
using Refit;

namespace Purl.Core.Search;

/// <summary>
/// What the search endpoints call: checks what only the data can tell (does the category exist?), then asks the engine.
/// An engine that cannot be reached is a 503 with Retry-After, not a 500.
/// </summary>
public sealed class SearchService(ISearchEngine engine, CategoryDirectory categories, ILogger<SearchService> logger)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public string Engine => engine.Name;

    public async Task<Outcome<ProductSearchResult>> SearchAsync(ProductSearch search, CancellationToken cancellationToken)
    {
        try
        {
            if (search.Category is { } key)
            {
                var category = await categories.FindAsync(key, cancellationToken);
                if (category is null) return Problem.Invalid("category", $"No category with the id or slug '{key}'.");
                search = search with { CategoryId = category.Id };
            }
            return await engine.SearchAsync(search, cancellationToken);
        }
        catch (Exception e) when (IsOutage(e, cancellationToken))
        {
            return Unavailable(e);
        }
    }

    /// <summary>Checks <c>q</c> of a suggestion request: from 2 to 100 characters.</summary>
    public static Outcome<QueryText> ParseSuggestion(string? q)
    {
        var trimmed = q?.Trim() ?? "";
        if (trimmed.Length < Suggestions.MinLength)
            return Problem.Invalid("q", $"At least {Suggestions.MinLength} characters.");
        if (trimmed.Length > Suggestions.MaxLength)
            return Problem.Invalid("q", $"At most {Suggestions.MaxLength} characters.");
        return QueryText.Parse(trimmed);
    }

    public async Task<Outcome<Suggestions>> SuggestAsync(QueryText text, CancellationToken cancellationToken)
    {
        if (text.IsEmpty) return Suggestions.None;
        try
        {
            return await engine.SuggestAsync(text, cancellationToken);
        }
        catch (Exception e) when (IsOutage(e, cancellationToken))
        {
            return Unavailable(e);
        }
    }

    private Problem Unavailable(Exception e)
    {
        logger.LogWarning(e, "Search engine {Engine} unavailable", engine.Name);
        return Problem.Unavailable("Search is unavailable; try again shortly.", RetryAfter);
    }

    private static bool IsOutage(Exception e, CancellationToken cancellationToken) => e switch
    {
        NpgsqlException { IsTransient: true } => true,
        HttpRequestException => true,
        ApiException api => (int)api.StatusCode >= 500 || api.StatusCode == HttpStatusCode.TooManyRequests,
        TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
