using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Purl.Api.Client;
using Purl.Api.Client.Search;

namespace Purl.Tests.Search;

/// <summary>What buyers, scrapers and broken clients send: a clear 400 naming the field, or a page of results — never a 500.</summary>
public sealed class SearchBadInputTests(SearchApp app) : IClassFixture<SearchApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient _http = app.CreateClient();

    [Theory]
    [InlineData("q=" + "x", null)] // sanity: a valid request
    [InlineData("minPrice=5000&maxPrice=1000", "minPrice")]
    [InlineData("radiusKm=501&lat=-1.28&lng=36.82", "radiusKm")]
    [InlineData("radiusKm=0&lat=-1.28&lng=36.82", "radiusKm")]
    [InlineData("radiusKm=10", "radiusKm")]
    [InlineData("lat=-1.28", "lng")]
    [InlineData("lat=91&lng=36.8", "lat")]
    [InlineData("lat=-1.28&lng=NaN", "lng")]
    [InlineData("minPrice=abc", "minPrice")]
    [InlineData("maxPrice=-1", "maxPrice")]
    [InlineData("maxPrice=1e400", "maxPrice")]
    [InlineData("inStock=maybe", "inStock")]
    [InlineData("verified=2", "verified")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("hitsPerPage=0", "hitsPerPage")]
    [InlineData("hitsPerPage=101", "hitsPerPage")]
    [InlineData("page=100&hitsPerPage=100", "page")]
    [InlineData("vendor=not-a-guid", "vendor")]
    [InlineData("category=no%20such%20thing!", "category")]
    [InlineData("category=sneakers-and-more", "category")]
    [InlineData("category=0196a000-0000-7000-8000-0000000000ff", "category")]
    public async Task Bad_values_are_a_400_naming_the_field(string query, string? field)
    {
        using var response = await _http.GetAsync($"{SearchRoutes.Products}?{query}", Ct);

        if (field is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Ct);
        Assert.Equal([field], problem!.Errors.Keys);
    }

    [Fact]
    public async Task A_thousand_character_query_is_a_400_on_q()
    {
        using var response = await _http.GetAsync($"{SearchRoutes.Products}?q={new string('a', 1_000)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Ct);
        Assert.Equal("At most 200 characters.", Assert.Single(problem!.Errors["q"]));
    }

    [Theory]
    [InlineData("&")]
    [InlineData("|")]
    [InlineData("!")]
    [InlineData(":")]
    [InlineData("*")]
    [InlineData("'")]
    [InlineData("\"")]
    [InlineData("& | ! : * ' \"")]
    [InlineData("shoes & | !sandals")]
    [InlineData("shoes:*")]
    [InlineData("'shoes' | \"boots\"")]
    [InlineData("!(shoes")]
    [InlineData("shoes <-> boots")]
    [InlineData("\\ ; -- DROP TABLE products")]
    [InlineData("%_%")]
    [InlineData("the")]
    [InlineData("💥🔥 viatu")]
    public async Task Query_syntax_characters_are_only_separators(string q)
    {
        var search = PurlApiClient.For<ISearchApi>(_http);

        var response = await search.SearchProductsAsync(new ProductSearchQuery { Q = q }, Ct);

        Assert.True(response.TotalHits >= 0);
        if (q.Contains("shoes") || q.Contains("viatu")) Assert.NotEmpty(response.Hits);
    }

    [Fact]
    public async Task A_page_past_the_last_is_empty_with_the_totals()
    {
        var search = PurlApiClient.For<ISearchApi>(_http);

        var response = await search.SearchProductsAsync(new ProductSearchQuery { Q = "shoes", Page = 50, HitsPerPage = 10 }, Ct);

        Assert.Empty(response.Hits);
        Assert.Equal(50, response.Page);
        Assert.True(response.TotalHits > 0);
        Assert.Equal(1, response.TotalPages);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("  b  ")]
    public async Task Suggestions_need_two_characters(string q)
    {
        using var response = await _http.GetAsync($"{SearchRoutes.Suggest}?q={Uri.EscapeDataString(q)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Ct);
        Assert.Equal(["q"], problem!.Errors.Keys);
    }

    [Fact]
    public async Task Suggestions_refuse_a_paragraph()
    {
        using var response = await _http.GetAsync($"{SearchRoutes.Suggest}?q={new string('s', 101)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("&|")]
    [InlineData("::*")]
    [InlineData("' OR 1=1 --")]
    public async Task Suggestions_for_symbols_are_empty_or_plain(string q)
    {
        var search = PurlApiClient.For<ISearchApi>(_http);

        var response = await search.SuggestAsync(q, Ct);

        Assert.NotNull(response.Products);
        Assert.NotNull(response.Vendors);
    }
}
