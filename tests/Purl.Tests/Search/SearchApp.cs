using Purl.Core.Search;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.Search;

/// <summary>
/// Purl.Api on a database holding <see cref="SearchCatalogue"/>, indexed. The search rate limit is raised out of the way
/// (every in-process request comes from the same client); <see cref="SearchRateLimitTests"/> checks the limit itself.
/// </summary>
public class SearchApp(PurlStack stack) : PurlApp(stack), IAsyncLifetime
{
    public SearchCatalogue Catalogue { get; private set; } = null!;

    public new async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateDbContext();
        Catalogue = await SearchCatalogue.SeedAsync(db, TestContext.Current.CancellationToken);
        await GetRequiredService<ISearchIndex>().RebuildAsync(25, TestContext.Current.CancellationToken);
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["RateLimits:search:Limit"] = "1000000";
    }
}
