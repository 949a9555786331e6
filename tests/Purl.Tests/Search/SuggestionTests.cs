using Purl.Api.Client;
using Purl.Api.Client.Search;

namespace Purl.Tests.Search;

/// <summary>GET /search/suggest: products and stores as the buyer types, from two characters, with one typo allowed.</summary>
public sealed class SuggestionTests(SearchApp app) : IClassFixture<SearchApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ISearchApi _search = PurlApiClient.For<ISearchApi>(app.CreateClient());

    [Fact]
    public async Task Typing_the_start_of_a_brand_suggests_its_products_and_its_store()
    {
        var response = await _search.SuggestAsync("tec", Ct);

        Assert.Contains(response.Products, p => p.Id == app.Catalogue.Id("P1") && p.Highlighted == "<em>Tecno</em> Spark 20 128GB");
        Assert.Contains(response.Products, p => p.Id == app.Catalogue.Id("P2"));
        Assert.DoesNotContain(response.Products, p => p.Name.Contains("discontinued"));
        var store = Assert.Single(response.Vendors);
        Assert.Equal(new VendorSuggestion(app.Catalogue.StoreId("V7"), "Tecno Store Westlands", "/media/v7.png"), store);
    }

    [Fact]
    public async Task At_most_five_products_and_three_stores_come_back()
    {
        var response = await _search.SuggestAsync("sa", Ct);

        Assert.InRange(response.Products.Count, 1, 5);
        Assert.InRange(response.Vendors.Count, 0, 3);
        Assert.Equal(response.Products.Count, response.Products.Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public async Task Any_word_of_a_name_can_be_typed_first()
    {
        var response = await _search.SuggestAsync("gala", Ct);

        Assert.Equal(["P5", "P6"], response.Products.Select(p => app.Catalogue.Key(p.Id)).Order());
        Assert.All(response.Products, p => Assert.Contains("<em>Galaxy</em>", p.Highlighted));
    }

    [Fact]
    public async Task A_typo_while_typing_still_suggests()
    {
        var products = await _search.SuggestAsync("sneek", Ct);
        var stores = await _search.SuggestAsync("mombassa", Ct);

        Assert.Contains(products.Products, p => p.Id == app.Catalogue.Id("S2"));
        Assert.Contains(stores.Vendors, v => v.Name == "Mombasa Kicks");
    }

    [Fact]
    public async Task Words_run_together_are_matched_by_trigrams_of_the_name()
    {
        var response = await _search.SuggestAsync("tecnospark", Ct);

        Assert.Equal("P1", app.Catalogue.Key(response.Products[0].Id));
    }

    [Fact]
    public async Task Two_words_narrow_the_suggestions()
    {
        var response = await _search.SuggestAsync("samsung gal", Ct);

        Assert.Equal(["P5", "P6"], response.Products.Select(p => app.Catalogue.Key(p.Id)).Order());
    }

    [Fact]
    public async Task Stores_are_suggested_by_any_word_of_their_name()
    {
        var response = await _search.SuggestAsync("kitch", Ct);

        Assert.Equal(["Nakuru Home & Kitchen"], response.Vendors.Select(v => v.Name));
    }
}
