using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Purl.Api.Client;
using Purl.Api.Client.Search;
using Purl.Core.Catalog;
using Purl.Core.Search;
using Purl.Core.Search.Elasticsearch;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Search;

/// <summary>
/// Purl.Api with <c>ConnectionStrings:elasticsearch</c> set, talking to <see cref="RecordingElasticsearch"/> on 127.0.0.1:
/// the requests it sends and how it reads Elasticsearch's documented answers into the same responses as the Postgres engine.
/// </summary>
public sealed class ElasticsearchEngineTests(ElasticsearchEngineTests.App app) : IClassFixture<ElasticsearchEngineTests.App>
{
    public sealed class App(PurlStack stack) : PurlApp(stack), IAsyncLifetime
    {
        public RecordingElasticsearch Elasticsearch { get; private set; } = null!;
        public SearchCatalogue Catalogue { get; private set; } = null!;

        public new async ValueTask InitializeAsync()
        {
            Elasticsearch = await RecordingElasticsearch.StartAsync();
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            Catalogue = await SearchCatalogue.SeedAsync(db, TestContext.Current.CancellationToken);
        }

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["ConnectionStrings:elasticsearch"] = Elasticsearch.Url.ToString();
            settings["Search:ElasticsearchIndexPrefix"] = "purltest";
            settings["RateLimits:search:Limit"] = "1000000";
        }

        public new async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Elasticsearch.DisposeAsync();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ISearchApi _search = PurlApiClient.For<ISearchApi>(app.CreateClient());
    private RecordingElasticsearch Es => app.Elasticsearch;

    private string SearchAnswer(long total, params (string Key, double Score)[] hits) => $$$"""
        {"took":4,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
         "hits":{"total":{"value":{{{total}}},"relation":"eq"},"max_score":{{{(hits.Length == 0 ? "null" : hits[0].Score.ToString(System.Globalization.CultureInfo.InvariantCulture))}}},
           "hits":[{{{string.Join(",", hits.Select(h => Hit(h.Key, h.Score)))}}}]},
         "aggregations":{
           "categories":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,
             "buckets":[{"key":"{{{BaseCategories.Shoes.Id}}}","doc_count":{{{total}}}}]},
           "priceBands":{"buckets":[
             {"key":"0","to":500.0,"doc_count":1},{"key":"1","from":500.0,"to":1000.0,"doc_count":0},
             {"key":"2","from":1000.0,"to":2500.0,"doc_count":{{{total - 1}}}},{"key":"3","from":2500.0,"to":5000.0,"doc_count":0},
             {"key":"4","from":5000.0,"to":10000.0,"doc_count":0},{"key":"5","from":10000.0,"to":25000.0,"doc_count":0},
             {"key":"6","from":25000.0,"doc_count":0}]} } }
        """;

    private string Hit(string key, double score)
    {
        var item = SearchCatalogue.ItemOf(key);
        var store = SearchCatalogue.Stores.Single(s => s.Key == item.Store);
        return $$$"""
            {"_index":"purltest-products","_id":"{{{app.Catalogue.Id(key)}}}","_score":{{{score.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},
             "_source":{"name":{{{System.Text.Json.JsonSerializer.Serialize(item.Name)}}},"price":{{{item.Price}}},"currency":"KES","image":null,
               "vendorId":"{{{app.Catalogue.StoreId(item.Store)}}}","vendorName":"{{{store.Name}}}","vendorVerified":{{{(store.Verified ? "true" : "false")}}},
               "rating":{{{item.Rating.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"inStock":true,
               "location":{"lat":{{{store.Lat.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"lon":{{{store.Lng.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}}},
             "sort":[{{{score.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}]}
            """;
    }

    [Fact]
    public async Task A_search_posts_the_query_dsl_and_answers_from_the_hits_and_aggregations()
    {
        Es.Take();
        Es.Respond = r => r.PathAndQuery == "/purltest-products/_search" ? new(200, SearchAnswer(2, ("S3", 9.5), ("S8", 7.25))) : null;
        var (lat, lng) = SearchCatalogue.NairobiCbd;

        var response = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "sandals", Category = "shoes", Lat = lat, Lng = lng, RadiusKm = 25 }, Ct);

        var request = Assert.Single(Es.Take());
        Assert.Equal("POST", request.Method);
        Assert.Equal("/purltest-products/_search", request.PathAndQuery);
        Assert.StartsWith("application/json", request.ContentType);
        var body = request.Json;
        Assert.Equal("sandals", body["query"]!["bool"]!["must"]![0]!["bool"]!["should"]![1]!["multi_match"]!["query"]!.GetValue<string>());
        Assert.Equal(BaseCategories.Shoes.Id.ToString(), body["query"]!["bool"]!["filter"]![0]!["term"]!["categoryId"]!.GetValue<string>());
        Assert.Equal("25km", body["query"]!["bool"]!["filter"]![1]!["geo_distance"]!["distance"]!.GetValue<string>());

        Assert.Equal(2, response.TotalHits);
        Assert.Equal(["S3", "S8"], response.Hits.Select(h => app.Catalogue.Key(h.Id)));
        var akala = response.Hits[0];
        Assert.Equal("Akala tyre <em>sandals</em>", akala.Highlighted);
        Assert.Equal(450m, akala.Price);
        Assert.Equal(new SearchHitVendor(app.Catalogue.StoreId("V5"), "Gikomba Mitumba Deals", false), akala.Vendor);
        Assert.InRange(akala.DistanceKm!.Value, 2.4, 2.6); // Gikomba is 2.5 km from the CBD as the crow flies
        Assert.Equal([new CategoryFacet(BaseCategories.Shoes.Id, "shoes", "Shoes", 2)], response.Facets.Categories);
        Assert.Equal([1L, 0, 1, 0, 0, 0, 0], response.Facets.PriceBands.Select(b => b.Count));
        Assert.False(response.FromCache);
    }

    [Fact]
    public async Task When_every_word_finds_nothing_the_search_is_asked_again_with_any_word()
    {
        Es.Take();
        Es.Respond = r => r.PathAndQuery != "/purltest-products/_search" ? null
            : r.Json["query"]!["bool"]!["must"] is not null ? new(200, RecordingElasticsearch.EmptySearch)
            : new(200, SearchAnswer(1, ("G5", 3.1)));

        var response = await _search.SearchProductsAsync(new ProductSearchQuery { Q = "honey unicorn" }, Ct);

        var requests = Es.Take();
        Assert.Equal(2, requests.Count);
        Assert.NotNull(requests[0].Json["query"]!["bool"]!["must"]);
        Assert.Equal(1, requests[1].Json["query"]!["bool"]!["minimum_should_match"]!.GetValue<int>());
        Assert.Equal("G5", app.Catalogue.Key(Assert.Single(response.Hits).Id));
    }

    [Fact]
    public async Task Suggestions_ask_both_indexes_with_the_completion_suggester()
    {
        Es.Take();
        Es.Respond = r => r.PathAndQuery switch
        {
            "/purltest-products/_search" => new(200, $$$"""
                {"took":2,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
                 "hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]},
                 "suggest":{"names":[{"text":"tec","offset":0,"length":3,"options":[
                   {"text":"Tecno Spark 20 128GB","_index":"purltest-products","_id":"{{{app.Catalogue.Id("P1")}}}","_score":2000.0,"_source":{"name":"Tecno Spark 20 128GB"}},
                   {"text":"Tecno Camon 30","_index":"purltest-products","_id":"{{{app.Catalogue.Id("P2")}}}","_score":1500.0,"_source":{"name":"Tecno Camon 30"}}]}]}}
                """),
            "/purltest-vendors/_search" => new(200, $$$"""
                {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
                 "hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]},
                 "suggest":{"names":[{"text":"tec","offset":0,"length":3,"options":[
                   {"text":"Tecno Store Westlands","_index":"purltest-vendors","_id":"{{{app.Catalogue.StoreId("V7")}}}","_score":12.0,
                    "_source":{"name":"Tecno Store Westlands","logoUrl":"/media/v7.png"}}]}]}}
                """),
            _ => null,
        };

        var response = await _search.SuggestAsync("tec", Ct);

        var requests = Es.Take().OrderBy(r => r.PathAndQuery).ToList();
        Assert.Equal(["/purltest-products/_search", "/purltest-vendors/_search"], requests.Select(r => r.PathAndQuery));
        Assert.Equal("tec", requests[0].Json["suggest"]!["names"]!["prefix"]!.GetValue<string>());
        Assert.Equal(5, requests[0].Json["suggest"]!["names"]!["completion"]!["size"]!.GetValue<int>());
        Assert.Equal(3, requests[1].Json["suggest"]!["names"]!["completion"]!["size"]!.GetValue<int>());
        Assert.Equal(
            [new ProductSuggestion(app.Catalogue.Id("P1"), "Tecno Spark 20 128GB", "<em>Tecno</em> Spark 20 128GB"),
             new ProductSuggestion(app.Catalogue.Id("P2"), "Tecno Camon 30", "<em>Tecno</em> Camon 30")],
            response.Products);
        Assert.Equal([new VendorSuggestion(app.Catalogue.StoreId("V7"), "Tecno Store Westlands", "/media/v7.png")], response.Vendors);
    }

    private ElasticsearchSearchIndex Index()
    {
        var api = RestService.For<IElasticsearchApi>(new HttpClient { BaseAddress = Es.Url }, ElasticsearchClientExtensions.Settings);
        return new ElasticsearchSearchIndex(api, app.DataSource, app.GetRequiredService<IOptions<SearchOptions>>(), TimeProvider.System);
    }

    [Fact]
    public async Task A_rebuild_creates_missing_indexes_bulks_every_visible_product_and_deletes_what_it_did_not_write()
    {
        Es.Take();
        Es.Respond = r => r.Method == "HEAD" ? new(404, "") : null;

        var report = await Index().RebuildAsync(batchSize: 20, Ct);

        var requests = Es.Take();
        Assert.Equal(["HEAD /purltest-products", "PUT /purltest-products", "HEAD /purltest-vendors", "PUT /purltest-vendors"],
            requests.Take(4).Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.Equal("keyword", requests[1].Json["mappings"]!["properties"]!["categoryId"]!["type"]!.GetValue<string>());

        var bulks = requests.Where(r => r.PathAndQuery.StartsWith("/_bulk")).ToList();
        Assert.All(bulks, b => Assert.Equal("application/x-ndjson", b.ContentType));
        Assert.All(bulks, b => Assert.Equal("/_bulk?refresh=false", b.PathAndQuery));
        var products = bulks.SelectMany(b => b.Body.TrimEnd('\n').Split('\n').Chunk(2))
            .Select(pair => (Action: JsonNode.Parse(pair[0])!["index"]!, Source: JsonNode.Parse(pair[1])!))
            .Where(p => p.Action["_index"]!.GetValue<string>() == "purltest-products").ToList();
        var visible = SearchCatalogue.Items.Where(i => !i.Key.StartsWith('X')).Select(i => app.Catalogue.Id(i.Key).ToString());
        Assert.Equal(visible.Order(), products.Select(p => p.Action["_id"]!.GetValue<string>()).Order());
        Assert.All(products, p => Assert.Equal(p.Action["_id"]!.GetValue<string>(), p.Source["productId"]!.GetValue<string>()));
        Assert.Equal(visible.Count(), report.Products);
        Assert.Equal(3, report.Batches); // 20 + 20 + the last 15

        var deletes = requests.Where(r => r.PathAndQuery.Contains("/_delete_by_query")).Select(r => r.PathAndQuery);
        Assert.Equal(["/purltest-products/_delete_by_query?refresh=true", "/purltest-vendors/_delete_by_query?refresh=true"], deletes);
    }

    [Fact]
    public async Task Syncing_a_hidden_product_deletes_it_and_waits_until_that_is_searchable()
    {
        Es.Take();
        Es.Respond = _ => null;
        var hidden = app.Catalogue.Id("X1");
        var visible = app.Catalogue.Id("P1");

        var sync = await Index().SyncProductsAsync([hidden, visible], Ct);

        var bulk = Assert.Single(Es.Take(), r => r.PathAndQuery.StartsWith("/_bulk"));
        Assert.Equal("/_bulk?refresh=wait_for", bulk.PathAndQuery);
        var lines = bulk.Body.TrimEnd('\n').Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(visible.ToString(), lines[0]["index"]!["_id"]!.GetValue<string>());
        Assert.Equal("Tecno Spark 20 128GB", lines[1]["name"]!.GetValue<string>());
        Assert.Equal(hidden.ToString(), lines[2]["delete"]!["_id"]!.GetValue<string>());
        Assert.Equal(new IndexSync(1, 1), sync);
    }

    [Fact]
    public async Task A_refused_bulk_item_fails_the_sync_so_the_message_is_retried()
    {
        Es.Take();
        Es.Respond = r => r.PathAndQuery.StartsWith("/_bulk") ? new(200, $$$"""
            {"took":3,"errors":true,"items":[{"index":{"_index":"purltest-products","_id":"{{{app.Catalogue.Id("P3")}}}","status":429,
              "error":{"type":"es_rejected_execution_exception","reason":"rejected execution"} } }]}
            """) : null;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Index().SyncProductsAsync([app.Catalogue.Id("P3")], Ct));

        Assert.Contains("es_rejected_execution_exception", failure.Message);
    }
}
