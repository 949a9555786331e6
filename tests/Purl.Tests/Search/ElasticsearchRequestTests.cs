using System.Text.Json.Nodes;
using Purl.Core.Catalog;
using Purl.Core.Search;
using Purl.Core.Search.Elasticsearch;

namespace Purl.Tests.Search;

/// <summary>
/// The bodies sent to Elasticsearch, compared with its documented query DSL (Elasticsearch 8 reference: bool query,
/// multi_match with fuzziness, term/range/geo_distance filters, sort with _geo_distance, terms and range aggregations,
/// completion suggester, _bulk NDJSON). No server needed.
/// </summary>
public sealed class ElasticsearchRequestTests
{
    private const string Fields = """["name^5","tags^4","categoryName^3","vendorName^2","description","city"]""";
    private const string PriceRanges = """
        [{"key":"0","to":500},{"key":"1","from":500,"to":1000},{"key":"2","from":1000,"to":2500},{"key":"3","from":2500,"to":5000},
         {"key":"4","from":5000,"to":10000},{"key":"5","from":10000,"to":25000},{"key":"6","from":25000}]
        """;

    private static void AssertJson(string expected, JsonNode actual)
    {
        var want = JsonNode.Parse(expected)!;
        Assert.True(JsonNode.DeepEquals(want, JsonNode.Parse(actual.ToJsonString())),
            $"expected\n{want.ToJsonString()}\nactual\n{actual.ToJsonString()}");
    }

    private static ProductSearch Parse(ProductSearchParameters parameters) => ProductSearch.Parse(parameters).Value!;

    [Fact]
    public void A_search_with_every_filter_is_a_bool_query_of_fuzzy_multi_matches_and_filters()
    {
        var vendor = Guid.Parse("0196a111-0000-7000-8000-000000000001");
        var search = Parse(new(Q: "shooes nairobi", Vendor: vendor.ToString(), MinPrice: "500", MaxPrice: "3000", InStock: "true",
            Verified: "true", Lat: "-1.2864", Lng: "36.8172", RadiusKm: "10", Page: "1", HitsPerPage: "10")) with
        { CategoryId = BaseCategories.Shoes.Id };

        AssertJson($$"""
            {
              "from": 10, "size": 10, "track_total_hits": true,
              "_source": ["name","price","currency","image","vendorId","vendorName","vendorVerified","rating","inStock","location"],
              "query": { "bool": {
                "must": [
                  { "multi_match": { "query": "shooes", "fields": {{Fields}}, "fuzziness": "AUTO", "operator": "or" } },
                  { "bool": { "should": [
                      { "multi_match": { "query": "nairobi", "fields": {{Fields}}, "fuzziness": "AUTO", "operator": "or" } },
                      { "multi_match": { "query": "nairobi", "type": "phrase_prefix", "fields": {{Fields}} } }
                    ], "minimum_should_match": 1 } }
                ],
                "filter": [
                  { "term": { "categoryId": "{{BaseCategories.Shoes.Id}}" } },
                  { "term": { "vendorId": "{{vendor}}" } },
                  { "range": { "price": { "gte": 500, "lte": 3000 } } },
                  { "term": { "inStock": true } },
                  { "term": { "vendorVerified": true } },
                  { "geo_distance": { "distance": "10km", "location": { "lat": -1.2864, "lon": 36.8172 } } }
                ] } },
              "sort": [
                "_score",
                { "_geo_distance": { "location": { "lat": -1.2864, "lon": 36.8172 }, "order": "asc", "unit": "km" } },
                { "rating": { "order": "desc" } },
                { "popularity": { "order": "desc" } },
                { "productId": { "order": "asc" } }
              ],
              "aggs": {
                "categories": { "terms": { "field": "categoryId", "size": 100 } },
                "priceBands": { "range": { "field": "price", "ranges": {{PriceRanges}} } }
              }
            }
            """, ElasticsearchRequests.Search(search, all: true));
    }

    [Fact]
    public void Synonyms_ride_in_the_same_multi_match_and_any_word_may_match_in_the_fallback()
    {
        var search = Parse(new(Q: "kiatu ya watoto"));

        var body = ElasticsearchRequests.Search(search, all: false);

        AssertJson($$"""
            { "bool": {
                "should": [
                  { "multi_match": { "query": "kiatu shoe viatu", "fields": {{Fields}}, "fuzziness": "AUTO", "operator": "or" } },
                  { "bool": { "should": [
                      { "multi_match": { "query": "watoto baby child children kid mtoto", "fields": {{Fields}}, "fuzziness": "AUTO", "operator": "or" } },
                      { "multi_match": { "query": "watoto", "type": "phrase_prefix", "fields": {{Fields}} } }
                    ], "minimum_should_match": 1 } }
                ],
                "minimum_should_match": 1 } }
            """, body["query"]!);
    }

    [Fact]
    public void No_words_and_no_filters_match_all_by_popularity()
    {
        var body = ElasticsearchRequests.Search(Parse(new()), all: true);

        AssertJson("""{ "match_all": {} }""", body["query"]!);
        AssertJson("""[{ "popularity": { "order": "desc" } }, { "rating": { "order": "desc" } }, { "productId": { "order": "asc" } }]""", body["sort"]!);
        Assert.Equal(0, body["from"]!.GetValue<int>());
        Assert.Equal(20, body["size"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("price_asc", """[{"price":{"order":"asc"}},"_score",{"popularity":{"order":"desc"}},{"productId":{"order":"asc"}}]""")]
    [InlineData("price_desc", """[{"price":{"order":"desc"}},"_score",{"popularity":{"order":"desc"}},{"productId":{"order":"asc"}}]""")]
    [InlineData("rating", """[{"rating":{"order":"desc"}},"_score",{"popularity":{"order":"desc"}},{"productId":{"order":"asc"}}]""")]
    [InlineData("newest", """[{"createdAt":{"order":"desc"}},{"productId":{"order":"desc"}}]""")]
    public void Sorts_are_field_sorts_with_stable_tie_breakers(string sort, string expected)
    {
        AssertJson(expected, ElasticsearchRequests.Search(Parse(new(Q: "shoes", Sort: sort)), all: true)["sort"]!);
    }

    [Fact]
    public void Cheap_is_a_price_sort_and_under_is_a_range()
    {
        var body = ElasticsearchRequests.Search(Parse(new(Q: "cheap shoes under 2k")), all: true);

        AssertJson("""[{ "range": { "price": { "lte": 2000 } } }]""", body["query"]!["bool"]!["filter"]!);
        AssertJson("""{"price":{"order":"asc"}}""", body["sort"]![0]!);
    }

    [Fact]
    public void Suggestions_use_the_completion_suggester_with_fuzziness_and_no_duplicates()
    {
        AssertJson("""
            { "size": 0, "_source": ["name", "logoUrl"],
              "suggest": { "names": { "prefix": "tec spa",
                "completion": { "field": "suggest", "size": 3, "skip_duplicates": true, "fuzzy": { "fuzziness": "AUTO" } } } } }
            """, ElasticsearchRequests.Suggest("tec spa", 3, "name", "logoUrl"));
    }

    [Fact]
    public void Completion_inputs_start_at_every_word_of_a_name()
    {
        AssertJson("""{ "input": ["Tecno Spark 20 128GB", "Spark 20 128GB", "20 128GB", "128GB"], "weight": 740 }""",
            ElasticsearchRequests.Completion("Tecno Spark 20 128GB", 740));
    }

    [Fact]
    public void Bulk_is_ndjson_of_action_and_source_lines_ending_in_a_newline()
    {
        var document = new SearchDocument(Guid.Parse("0196a222-0000-7000-8000-000000000001"), Guid.Parse("0196a222-0000-7000-8000-000000000002"),
            "Bata Kenya", true, BaseCategories.Shoes.Id, "shoes", "Shoes", "Kids school shoes", "Strong.", ["viatu", "nairobi"], "Nairobi",
            "/media/ab.jpg", 1500.50m, "KES", true, 4.4, 12, 7.25, -1.2841, 36.8233, new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        var at = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

        var ndjson = ElasticsearchRequests.Bulk("purl-products",
            [(document.ProductId.ToString(), ElasticsearchRequests.ProductDocument(document, at))], ["0196a222-0000-7000-8000-000000000009"]);

        Assert.EndsWith("\n", ndjson);
        var lines = ndjson.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        AssertJson("""{"index":{"_index":"purl-products","_id":"0196a222-0000-7000-8000-000000000001"}}""", JsonNode.Parse(lines[0])!);
        AssertJson($$"""
            { "productId": "0196a222-0000-7000-8000-000000000001", "vendorId": "0196a222-0000-7000-8000-000000000002",
              "vendorName": "Bata Kenya", "vendorVerified": true, "categoryId": "{{BaseCategories.Shoes.Id}}", "categorySlug": "shoes",
              "categoryName": "Shoes", "name": "Kids school shoes", "description": "Strong.", "tags": ["viatu", "nairobi"],
              "city": "Nairobi", "image": "/media/ab.jpg", "price": 1500.50, "currency": "KES", "inStock": true, "rating": 4.4,
              "reviewCount": 12, "popularity": 7.25, "location": { "lat": -1.2841, "lon": 36.8233 },
              "createdAt": "2026-11-01T08:00:00.0000000Z", "indexedAt": "2026-11-23T12:00:00.0000000Z",
              "suggest": { "input": ["Kids school shoes", "school shoes", "shoes"], "weight": 725 } }
            """, JsonNode.Parse(lines[1])!);
        AssertJson("""{"delete":{"_index":"purl-products","_id":"0196a222-0000-7000-8000-000000000009"}}""", JsonNode.Parse(lines[2])!);
    }

    [Fact]
    public void The_products_index_maps_text_as_english_ids_as_keywords_and_location_as_a_geo_point()
    {
        var properties = ElasticsearchRequests.ProductsIndex()["mappings"]!["properties"]!;

        AssertJson("""{ "type": "text", "analyzer": "english" }""", properties["name"]!);
        AssertJson("""{ "type": "keyword" }""", properties["categoryId"]!);
        AssertJson("""{ "type": "geo_point" }""", properties["location"]!);
        AssertJson("""{ "type": "completion" }""", properties["suggest"]!);
        AssertJson("""{ "type": "scaled_float", "scaling_factor": 100 }""", properties["price"]!);
        Assert.Equal("strict", ElasticsearchRequests.ProductsIndex()["mappings"]!["dynamic"]!.GetValue<string>());
    }

    [Fact]
    public void A_rebuild_removes_what_it_did_not_write_again_by_indexed_time()
    {
        AssertJson("""{ "query": { "range": { "indexedAt": { "lt": "2026-11-23T12:00:00.0000000Z" } } } }""",
            ElasticsearchRequests.IndexedBefore(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.FromHours(3))));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9200", "http://127.0.0.1:9200/", null)]
    [InlineData("http://elastic:s3cret@127.0.0.1:9200", "http://127.0.0.1:9200/", "Basic ZWxhc3RpYzpzM2NyZXQ=")]
    [InlineData("Endpoint=https://es.internal:9243;ApiKey=abc123", "https://es.internal:9243/", "ApiKey abc123")]
    public void The_connection_string_is_a_url_or_an_endpoint_with_a_key(string connectionString, string endpoint, string? authorization)
    {
        var connection = ElasticsearchConnection.Parse(connectionString);

        Assert.Equal(endpoint, connection.Endpoint.ToString());
        Assert.Equal(authorization, connection.Authorization?.ToString());
    }
}
