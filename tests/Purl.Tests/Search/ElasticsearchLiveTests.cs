using Purl.Api.Client;
using Purl.Api.Client.Search;
using Purl.Core.Search;
using Purl.Core.Search.Elasticsearch;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Search;

/// <summary>
/// Against a real Elasticsearch 8, only when <c>PURL_TEST_ELASTICSEARCH</c> holds its connection string (a URL such as
/// <c>http://elastic:secret@127.0.0.1:9200</c>); skipped otherwise — the one skip DESIGN allows. Uses indexes of its own,
/// deleted afterwards.
/// </summary>
public sealed class ElasticsearchLiveTests(ElasticsearchLiveTests.App app) : IClassFixture<ElasticsearchLiveTests.App>
{
    public const string Variable = "PURL_TEST_ELASTICSEARCH";
    private static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public sealed class App(PurlStack stack) : PurlApp(stack), IAsyncLifetime
    {
        private readonly string _prefix = $"purltest-{Guid.NewGuid():N}"[..24];
        public SearchCatalogue Catalogue { get; private set; } = null!;

        public new async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            if (ConnectionString is null) return;
            await using var db = CreateDbContext();
            Catalogue = await SearchCatalogue.SeedAsync(db, TestContext.Current.CancellationToken);
            await GetRequiredService<ISearchIndex>().RebuildAsync(25, TestContext.Current.CancellationToken);
        }

        protected override void Configure(IDictionary<string, string?> settings)
        {
            if (ConnectionString is null) return;
            settings["ConnectionStrings:elasticsearch"] = ConnectionString;
            settings["Search:ElasticsearchIndexPrefix"] = _prefix;
            settings["RateLimits:search:Limit"] = "1000000";
        }

        public new async ValueTask DisposeAsync()
        {
            if (ConnectionString is not null)
            {
                var api = GetRequiredService<IElasticsearchApi>();
                (await api.DeleteIndexAsync($"{_prefix}-products")).Dispose();
                (await api.DeleteIndexAsync($"{_prefix}-vendors")).Dispose();
            }
            await base.DisposeAsync();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void RequireServer() =>
        Assert.SkipUnless(ConnectionString is not null, $"{Variable} is not set: no Elasticsearch to test against.");

    [Fact]
    public async Task The_relevance_set_on_elasticsearch()
    {
        RequireServer();
        var report = await SearchRelevanceTests.RunAsync(PurlApiClient.For<ISearchApi>(app.CreateClient()), app.Catalogue);

        TestContext.Current.TestOutputHelper?.WriteLine(report.Summary);
        Assert.True(report.Share >= 0.75, report.Summary);
    }

    [Fact]
    public async Task Filters_radius_facets_and_suggestions_on_elasticsearch()
    {
        RequireServer();
        var search = PurlApiClient.For<ISearchApi>(app.CreateClient());
        var (lat, lng) = SearchCatalogue.MombasaCentre;

        var near = await search.SearchProductsAsync(new ProductSearchQuery { Lat = lat, Lng = lng, RadiusKm = 20, HitsPerPage = 100 }, Ct);
        var verified = await search.SearchProductsAsync(new ProductSearchQuery { Category = "shoes", Verified = true, HitsPerPage = 100 }, Ct);
        var suggestions = await search.SuggestAsync("tec", Ct);

        Assert.All(near.Hits, h => Assert.InRange(h.DistanceKm!.Value, 0, 20));
        Assert.Equal(9, near.TotalHits);
        Assert.Equal(near.TotalHits, near.Facets.PriceBands.Sum(b => b.Count));
        Assert.Equal(["S1", "S4", "S5", "S6", "S8"], verified.Hits.Select(h => app.Catalogue.Key(h.Id)).Order());
        Assert.Contains(suggestions.Products, p => p.Id == app.Catalogue.Id("P1"));
        Assert.Contains(suggestions.Vendors, v => v.Id == app.Catalogue.StoreId("V7"));
    }

    [Fact]
    public async Task A_hidden_product_leaves_elasticsearch_on_sync()
    {
        RequireServer();
        var id = app.Catalogue.Id("F5");
        await using (var command = app.DataSource.CreateCommand($"UPDATE products SET is_published = false WHERE id = '{id}'"))
            await command.ExecuteNonQueryAsync(Ct);

        var sync = await app.GetRequiredService<ISearchIndex>().SyncProductsAsync([id], Ct);
        var response = await PurlApiClient.For<ISearchApi>(app.CreateClient()).SearchProductsAsync(new ProductSearchQuery { Q = "kikoi" }, Ct);

        Assert.Equal(new IndexSync(0, 1), sync);
        Assert.DoesNotContain(response.Hits, h => h.Id == id);
    }
}
