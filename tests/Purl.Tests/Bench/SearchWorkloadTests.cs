using System.Net;
using Purl.Bench.Search;
using Purl.Tests.Search;

namespace Purl.Tests.Bench;

/// <summary>The search scenarios' requests: distinct, the same every run, valid for the API, and the naive SQL runs.</summary>
public sealed class SearchWorkloadTests(SearchApp app) : IClassFixture<SearchApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_mix_is_a_thousand_distinct_searches_and_the_same_every_run()
    {
        var mix = SearchWorkload.Mixed();

        Assert.Equal(1_000, mix.Select(r => r.Path).Distinct().Count());
        Assert.Equal(mix.Select(r => r.Path), SearchWorkload.Mixed().Select(r => r.Path));
        Assert.Contains(mix, r => r.Near is not null);
        Assert.Contains(mix, r => r.Category is not null && r.MaxPrice is not null);
        Assert.Contains(mix, r => r.Sort != "relevance");
    }

    [Fact]
    public async Task Every_search_of_the_mix_is_answered_by_the_api()
    {
        using var http = app.CreateClient();
        foreach (var request in SearchWorkload.Mixed().Take(200))
        {
            using var response = await http.GetAsync(request.Path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{request.Path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_naive_search_runs_every_kind_of_filter()
    {
        var mix = SearchWorkload.Mixed();
        var kinds = new[]
        {
            mix.First(r => r.Near is not null), mix.First(r => r.Category is not null), mix.First(r => r.MinPrice is not null),
            mix.First(r => r.Verified && r.InStock), mix.First(r => r.Q is null), mix.First(r => r.Sort == "newest"),
            new SearchRequest("sandals", "shoes", 100, 5_000, true, false, "price_asc", (-1.2864, 36.8172, 10), 0),
        };

        foreach (var request in kinds)
            Assert.True(await NaiveSearch.RunAsync(app.DataSource, request, Ct) >= 0);
        Assert.Equal(2, await NaiveSearch.RunAsync(app.DataSource, kinds[^1], Ct)); // the akala (2.5 km) and the beaded sandals (0.8 km)
    }

    [Fact]
    public void The_wrk_script_cycles_the_paths_from_distinct_addresses_and_reports_cache_hits()
    {
        var script = SearchWorkload.WrkScript([SearchWorkload.Popular]);

        Assert.Contains("\"/search/products?q=shoes\",", script);
        Assert.Contains("X-Forwarded-For", script);
        Assert.Contains("function purl_report()", script);
        Assert.Equal((1234L, 2000L), SearchWorkload.CacheCounts("Running 10s test\npurl-bench: requests=2000\npurl-search: cached=1234 answered=2000\n"));
    }
}
