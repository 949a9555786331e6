using Purl.Api.Client;
using Purl.Api.Client.Search;
using Purl.Core.Catalog;

namespace Purl.Tests.Search;

/// <summary>GET /search/products on the Postgres engine: the response shape, filters, sorts, radius, pages, facets and highlighting.</summary>
public sealed class ProductSearchTests(SearchApp app) : IClassFixture<SearchApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ISearchApi _search = PurlApiClient.For<ISearchApi>(app.CreateClient());
    private SearchCatalogue Catalogue => app.Catalogue;

    private static readonly string[] VisibleShoes = ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"];

    [Fact]
    public async Task A_search_answers_in_the_designed_shape()
    {
        var response = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "sandals" }, Ct);

        Assert.Equal(0, response.Page);
        Assert.Equal(20, response.HitsPerPage);
        Assert.Equal(2, response.TotalHits);
        Assert.Equal(1, response.TotalPages);
        Assert.InRange(response.ProcessingTimeMs, 0, 60_000);
        Assert.False(response.FromCache);
        var akala = Assert.Single(response.Hits, h => h.Id == Catalogue.Id("S3"));
        Assert.Equal("Akala tyre <em>sandals</em>", akala.Highlighted);
        Assert.Equal("Akala tyre sandals", akala.Name);
        Assert.Equal(450m, akala.Price);
        Assert.Equal("KES", akala.Currency);
        Assert.Null(akala.Image);
        Assert.Equal(new SearchHitVendor(Catalogue.StoreId("V5"), "Gikomba Mitumba Deals", false), akala.Vendor);
        Assert.Equal(4.0, akala.Rating);
        Assert.True(akala.InStock);
        Assert.Null(akala.DistanceKm);
        Assert.Equal([new CategoryFacet(BaseCategories.Shoes.Id, "shoes", "Shoes", 2)], response.Facets.Categories);
        Assert.Equal(7, response.Facets.PriceBands.Count);
        Assert.Equal(new PriceBandFacet(null, 500m, 1), response.Facets.PriceBands[0]);
        Assert.Equal(new PriceBandFacet(1_000m, 2_500m, 1), response.Facets.PriceBands[2]);
        Assert.Equal(new PriceBandFacet(25_000m, null, 0), response.Facets.PriceBands[6]);
    }

    [Fact]
    public async Task An_empty_query_without_filters_lists_the_most_popular_products()
    {
        var response = await _search.SearchProductsAsync(new ProductSearchQuery(), Ct);

        var expected = SearchCatalogue.Items.Where(i => !i.Key.StartsWith('X')).OrderByDescending(i => i.Views).Take(5).Select(i => i.Key);
        Assert.Equal(expected, response.Hits.Take(5).Select(h => Catalogue.Key(h.Id)));
        Assert.Equal(SearchCatalogue.Items.Count(i => !i.Key.StartsWith('X')), response.TotalHits);
        Assert.Equal(response.TotalHits, response.Facets.Categories.Sum(c => c.Count));
        Assert.Equal(response.TotalHits, response.Facets.PriceBands.Sum(b => b.Count));
    }

    [Fact]
    public async Task A_category_filter_takes_a_slug_or_an_id_and_agrees()
    {
        var bySlug = await _search.SearchProductsAsync(new ProductSearchQuery { Category = "shoes", HitsPerPage = 100 }, Ct);
        var byId = await _search.SearchProductsAsync(new ProductSearchQuery { Category = BaseCategories.Shoes.Id.ToString(), HitsPerPage = 100 }, Ct);

        Assert.Equal(VisibleShoes.Order(), bySlug.Hits.Select(h => Catalogue.Key(h.Id)).Order());
        Assert.Equal(bySlug.Hits.Select(h => h.Id), byId.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Vendor_price_stock_and_verified_filters_combine()
    {
        var response = await _search.SearchProductsAsync(new ProductSearchQuery
        {
            Q = "shoes", Vendor = Catalogue.StoreId("V1"), MinPrice = 1_000, MaxPrice = 5_000, HitsPerPage = 100,
        }, Ct);
        Assert.Equal(["S1", "S5"], response.Hits.Select(h => Catalogue.Key(h.Id)).Order());

        var inStock = await _search.SearchProductsAsync(new ProductSearchQuery { Vendor = Catalogue.StoreId("V1"), InStock = true }, Ct);
        Assert.Equal(["S1"], inStock.Hits.Select(h => Catalogue.Key(h.Id)));

        var verified = await _search.SearchProductsAsync(new ProductSearchQuery { Category = "shoes", Verified = true, HitsPerPage = 100 }, Ct);
        Assert.Equal(["S1", "S4", "S5", "S6", "S8"], verified.Hits.Select(h => Catalogue.Key(h.Id)).Order());
        Assert.All(verified.Hits, h => Assert.True(h.Vendor.Verified));
    }

    [Theory]
    [InlineData(SearchSorts.PriceAsc)]
    [InlineData(SearchSorts.PriceDesc)]
    [InlineData(SearchSorts.Rating)]
    [InlineData(SearchSorts.Newest)]
    public async Task Sorts_order_every_hit(string sort)
    {
        var response = await _search.SearchProductsAsync(new ProductSearchQuery { Category = "shoes", Sort = sort, HitsPerPage = 100 }, Ct);

        var items = response.Hits.Select(h => SearchCatalogue.ItemOf(Catalogue.Key(h.Id))).ToList();
        IEnumerable<SearchCatalogue.Item> expected = sort switch
        {
            SearchSorts.PriceAsc => items.OrderBy(i => i.Price),
            SearchSorts.PriceDesc => items.OrderByDescending(i => i.Price),
            SearchSorts.Rating => items.OrderByDescending(i => i.Rating),
            _ => items.OrderBy(i => Array.IndexOf(SearchCatalogue.Items, i)), // the catalogue lists the newest first
        };
        Assert.Equal(VisibleShoes.Length, items.Count);
        Assert.Equal(expected.Select(i => i.Key), items.Select(i => i.Key));
    }

    [Fact]
    public async Task Near_me_keeps_what_is_within_the_radius_nearest_first_with_its_distance()
    {
        var (lat, lng) = SearchCatalogue.MombasaCentre;
        var response = await _search.SearchProductsAsync(new ProductSearchQuery { Lat = lat, Lng = lng, RadiusKm = 20, HitsPerPage = 100 }, Ct);

        var mombasa = SearchCatalogue.Items.Where(i => i.Store is "V3" or "V8" && !i.Key.StartsWith('X')).Select(i => i.Key);
        Assert.Equal(mombasa.Order(), response.Hits.Select(h => Catalogue.Key(h.Id)).Order());
        Assert.All(response.Hits, h => Assert.InRange(h.DistanceKm!.Value, 0, 20));
        Assert.Equal(response.Hits.Select(h => h.DistanceKm).Order(), response.Hits.Select(h => h.DistanceKm));
        Assert.Equal(0, response.Hits[0].DistanceKm); // V3 is at the centre
        // V8 is 1.3 km south-west of the centre: the great-circle distance, to the metre or so.
        Assert.InRange(response.Hits[^1].DistanceKm!.Value, 1.2, 1.5);
    }

    [Fact]
    public async Task A_radius_of_150_km_around_nairobi_reaches_nakuru_but_not_kisumu()
    {
        var (lat, lng) = SearchCatalogue.NairobiCbd;
        var response = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "jiko", Lat = lat, Lng = lng, RadiusKm = 150 }, Ct);
        var kisumu = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "infinix", Lat = lat, Lng = lng, RadiusKm = 150 }, Ct);
        var wider = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "infinix", Lat = lat, Lng = lng, RadiusKm = 500 }, Ct);

        var jiko = Assert.Single(response.Hits);
        Assert.InRange(jiko.DistanceKm!.Value, 130, 145); // Nakuru is some 137 km from Nairobi as the crow flies
        Assert.Empty(kisumu.Hits);
        Assert.Equal(2, wider.TotalHits);
    }

    [Fact]
    public async Task Pages_cover_every_hit_once_and_a_page_past_the_last_is_empty()
    {
        var all = await _search.SearchProductsAsync(new ProductSearchQuery { Category = "phones", HitsPerPage = 100 }, Ct);
        var seen = new List<Guid>();
        for (var page = 0; page < 4; page++)
        {
            var response = await _search.SearchProductsAsync(new ProductSearchQuery { Category = "phones", Page = page, HitsPerPage = 5 }, Ct);
            Assert.Equal(all.TotalHits, response.TotalHits);
            Assert.Equal(3, response.TotalPages);
            seen.AddRange(response.Hits.Select(h => h.Id));
            if (page == 3) Assert.Empty(response.Hits);
        }

        Assert.Equal(12, all.TotalHits);
        Assert.Equal(all.Hits.Select(h => h.Id), seen);
    }

    [Fact]
    public async Task Highlighting_marks_the_matched_words_and_encodes_everything_else()
    {
        var response = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "jamvi mkeka" }, Ct);

        var hit = Assert.Single(response.Hits);
        Assert.Equal("<em>Mkeka</em> mat &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;<em>Jamvi</em>&quot;", hit.Highlighted);
    }

    [Fact]
    public async Task Typos_plurals_and_swahili_are_highlighted_as_matches()
    {
        var typo = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "snikers" }, Ct);
        var singular = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "sandal", Category = "shoes" }, Ct);
        var swahili = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "runinga" }, Ct);

        Assert.Equal("Canvas <em>sneakers</em>", typo.Hits[0].Highlighted);
        Assert.Contains(singular.Hits, h => h.Highlighted == "Akala tyre <em>sandals</em>");
        Assert.Equal("Samsung 43-inch smart <em>TV</em>", swahili.Hits[0].Highlighted);
    }

    [Fact]
    public async Task Facets_count_every_hit_by_category_and_price_band()
    {
        var response = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "maasai", HitsPerPage = 1 }, Ct);

        Assert.Equal(8, response.TotalHits); // everything Maasai Market Crafts sells: the store's name is searched too
        Assert.Equal(response.TotalHits, response.Facets.Categories.Sum(c => c.Count));
        Assert.Equal(response.TotalHits, response.Facets.PriceBands.Sum(b => b.Count));
        Assert.Equal(response.Facets.Categories.OrderByDescending(c => c.Count).Select(c => c.Count), response.Facets.Categories.Select(c => c.Count));
    }

    [Fact]
    public async Task Cheap_sorts_by_price_unless_a_sort_is_asked_for()
    {
        var cheap = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "cheap sandals" }, Ct);
        var byRating = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "cheap sandals", Sort = SearchSorts.Rating }, Ct);

        Assert.Equal(["S3", "S8"], cheap.Hits.Select(h => Catalogue.Key(h.Id)));
        Assert.Equal(["S8", "S3"], byRating.Hits.Select(h => Catalogue.Key(h.Id)));
    }

    [Fact]
    public async Task Under_a_price_in_words_is_a_maximum_price_and_the_parameter_wins()
    {
        var words = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "shoes under 2,000", HitsPerPage = 100 }, Ct);
        var parameter = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "shoes under 2000", MaxPrice = 500, HitsPerPage = 100 }, Ct);

        Assert.Equal(["S2", "S3", "S4"], words.Hits.Select(h => Catalogue.Key(h.Id)).Order());
        Assert.Equal(["S3"], parameter.Hits.Select(h => Catalogue.Key(h.Id)));
    }

    [Fact]
    public async Task When_no_product_has_every_word_products_with_some_of_them_come_back()
    {
        var response = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "honey unicorn" }, Ct);

        Assert.Equal("G5", Catalogue.Key(response.Hits[0].Id));
    }
}
