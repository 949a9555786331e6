using System.Net;
using Purl.Api.Client;
using Purl.Api.Client.Search;
using Microsoft.EntityFrameworkCore;
using Purl.Core.Messaging;
using Purl.Tests.Infrastructure;
using Purl.Tests.Messaging;

namespace Purl.Tests.Search;

/// <summary>Popular searches come from Redis, and say so; the same search typed differently shares one entry.</summary>
public sealed class SearchCacheTests(SearchApp app) : IClassFixture<SearchApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ISearchApi _search = PurlApiClient.For<ISearchApi>(app.CreateClient());

    [Fact]
    public async Task A_search_asked_twice_in_five_minutes_is_served_from_the_cache_from_then_on()
    {
        var query = new ProductSearchQuery { Q = "sneakers", Category = "shoes" };

        var first = await _search.SearchProductsAsync(query, Ct);
        var second = await _search.SearchProductsAsync(query, Ct);
        var third = await _search.SearchProductsAsync(query, Ct);

        Assert.False(first.FromCache);
        Assert.False(second.FromCache);
        Assert.True(third.FromCache);
        Assert.Equal(first.Hits, third.Hits);
        Assert.Equal(first.TotalHits, third.TotalHits);
        Assert.Equal(first.Facets.Categories, third.Facets.Categories);
    }

    [Fact]
    public async Task The_same_search_typed_differently_is_one_cache_entry()
    {
        await _search.SearchProductsAsync(new ProductSearchQuery { Q = "Kitenge shirt", MaxPrice = 3000 }, Ct);
        await _search.SearchProductsAsync(new ProductSearchQuery { Q = "kitenge   SHIRT!!", MaxPrice = 3000 }, Ct);
        var third = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "\"kitenge\" & shirt", MaxPrice = 3000.00m }, Ct);
        var otherFilter = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "kitenge shirt", MaxPrice = 2500 }, Ct);

        Assert.True(third.FromCache);
        Assert.False(otherFilter.FromCache);
    }

    [Fact]
    public async Task A_product_that_leaves_the_index_leaves_the_cached_pages_within_seconds()
    {
        using var workers = await SearchIndexSyncTests.StartWorkersAsync(app, Ct);
        var id = app.Catalogue.Id("P4");
        var query = new ProductSearchQuery { Q = "infinix note" };
        for (var i = 0; i < 2; i++) await _search.SearchProductsAsync(query, Ct);
        var cached = await _search.SearchProductsAsync(query, Ct);
        Assert.True(cached.FromCache);
        Assert.Contains(cached.Hits, h => h.Id == id);

        await CatalogueChanges.CommitAsync(app, async db => (await db.Products.SingleAsync(p => p.Id == id, Ct)).IsActive = false,
            new ProductChanged(id, app.Catalogue.StoreId("V4"), "updated"));

        await Eventually.HoldsAsync(async () => !(await _search.SearchProductsAsync(query, Ct)).Hits.Any(h => h.Id == id),
            TimeSpan.FromSeconds(45), "P4 has left the cached page", Ct);
        await workers.StopAsync(Ct);
    }

    [Fact]
    public async Task Suggestions_are_cached_the_same_way()
    {
        var first = await PurlApiClient.For<ISearchApi>(app.CreateClient()).SuggestAsync("infi", Ct);
        await _search.SuggestAsync("infi", Ct);
        using var third = await app.CreateClient().GetAsync($"{SearchRoutes.Suggest}?q=infi", Ct);
        var cached = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<SuggestResponse>(third.Content, PurlApiClient.JsonOptions, Ct);

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(first.Products, cached!.Products);
        Assert.Equal(first.Vendors, cached.Vendors);
    }
}

/// <summary>Search is limited per client (60 a minute by default; 3 here), with Retry-After on the 429.</summary>
public sealed class SearchRateLimitTests(SearchRateLimitTests.App app) : IClassFixture<SearchRateLimitTests.App>
{
    public sealed class App(PurlStack stack) : PurlApp(stack)
    {
        protected override void Configure(IDictionary<string, string?> settings) => settings["RateLimits:search:Limit"] = "3";
    }

    [Fact]
    public async Task The_fourth_search_in_the_window_is_refused_with_retry_after_and_other_clients_go_on()
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await http.GetAsync($"{SearchRoutes.Products}?q=shoes", TestContext.Current.CancellationToken)).StatusCode);
        using var refused = await http.GetAsync($"{SearchRoutes.Suggest}?q=sh", TestContext.Current.CancellationToken);

        var other = app.CreateClient();
        other.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.8");
        using var otherClient = await other.GetAsync($"{SearchRoutes.Products}?q=shoes", TestContext.Current.CancellationToken);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }
}
