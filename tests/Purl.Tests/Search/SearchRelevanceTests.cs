using Purl.Api.Client;
using Purl.Api.Client.Search;

namespace Purl.Tests.Search;

/// <summary>The relevance set against the Postgres engine, through the API: the share that passes has a floor, and the failures are printed.</summary>
public sealed class SearchRelevanceTests(SearchApp app) : IClassFixture<SearchApp>
{
    public const double Floor = 0.90;

    [Fact]
    public async Task At_least_ninety_percent_of_what_kenyan_buyers_type_finds_what_they_meant()
    {
        var search = PurlApiClient.For<ISearchApi>(app.CreateClient());
        var report = await RunAsync(search, app.Catalogue);

        TestContext.Current.TestOutputHelper?.WriteLine(report.Summary);
        Assert.True(report.Share >= Floor, report.Summary);
    }

    [Fact]
    public async Task Hidden_products_are_never_found_by_any_query_of_the_set()
    {
        var search = PurlApiClient.For<ISearchApi>(app.CreateClient());
        var hidden = new[] { "X1", "X2", "X3" }.Select(app.Catalogue.Id).ToHashSet();

        foreach (var query in RelevanceSet.All.Select(c => c.Query).Append("leather").Append("discontinued").Append("clearance").Distinct())
        {
            var response = await search.SearchProductsAsync(new ProductSearchQuery { Q = query, HitsPerPage = 100 }, TestContext.Current.CancellationToken);
            Assert.DoesNotContain(response.Hits, h => hidden.Contains(h.Id));
        }
    }

    public sealed record Report(int Passed, int Total, IReadOnlyList<string> Failures)
    {
        public double Share => (double)Passed / Total;

        public string Summary =>
            $"relevance: {Passed}/{Total} queries pass ({Share:P0}, floor {Floor:P0})" +
            (Failures.Count == 0 ? "" : "\nfailures:\n" + string.Join('\n', Failures));
    }

    /// <summary>Runs every case of <see cref="RelevanceSet"/> and says which failed and what came back instead.</summary>
    public static async Task<Report> RunAsync(ISearchApi search, SearchCatalogue catalogue)
    {
        Assert.True(RelevanceSet.All.Length >= 40, "the relevance set needs at least 40 queries");
        var failures = new List<string>();
        foreach (var c in RelevanceSet.All)
        {
            var response = await search.SearchProductsAsync(new ProductSearchQuery { Q = c.Query, HitsPerPage = 10 }, TestContext.Current.CancellationToken);
            var keys = response.Hits.Select(h => catalogue.Products.FirstOrDefault(p => p.Value == h.Id).Key ?? "?").ToList();
            if (!c.Holds(keys))
                failures.Add($"  {c}: got [{string.Join(", ", keys.Take(5).Select((k, i) => $"{k} {response.Hits[i].Name}"))}]");
        }
        return new Report(RelevanceSet.All.Length - failures.Count, RelevanceSet.All.Length, failures);
    }
}
