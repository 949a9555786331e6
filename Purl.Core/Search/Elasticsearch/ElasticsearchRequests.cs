using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Purl.Core.Search.Elasticsearch;

/// <summary>
/// The request bodies Purl sends to Elasticsearch 8, in its query DSL: index definitions, searches, suggestions and bulk
/// NDJSON. Kept apart from the HTTP calls so that tests assert exactly what is sent.
/// </summary>
public static class ElasticsearchRequests
{
    /// <summary>Searched fields with their boosts, in DESIGN's order: name, tags, category, store, then description and city.</summary>
    public static readonly string[] TextFields = ["name^5", "tags^4", "categoryName^3", "vendorName^2", "description", "city"];

    public static JsonObject ProductsIndex() => new()
    {
        ["settings"] = new JsonObject { ["number_of_shards"] = 1 },
        ["mappings"] = new JsonObject
        {
            ["dynamic"] = "strict",
            ["properties"] = new JsonObject
            {
                ["productId"] = Keyword(),
                ["vendorId"] = Keyword(),
                ["vendorName"] = English(),
                ["vendorVerified"] = Type("boolean"),
                ["categoryId"] = Keyword(),
                ["categorySlug"] = Keyword(),
                ["categoryName"] = English(),
                ["name"] = English(),
                ["description"] = English(),
                ["tags"] = English(),
                ["city"] = English(),
                ["image"] = new JsonObject { ["type"] = "keyword", ["index"] = false },
                ["price"] = new JsonObject { ["type"] = "scaled_float", ["scaling_factor"] = 100 },
                ["currency"] = Keyword(),
                ["inStock"] = Type("boolean"),
                ["rating"] = Type("float"),
                ["reviewCount"] = Type("integer"),
                ["popularity"] = Type("float"),
                ["location"] = Type("geo_point"),
                ["createdAt"] = Type("date"),
                ["indexedAt"] = Type("date"),
                ["suggest"] = Type("completion"),
            },
        },
    };

    public static JsonObject VendorsIndex() => new()
    {
        ["settings"] = new JsonObject { ["number_of_shards"] = 1 },
        ["mappings"] = new JsonObject
        {
            ["dynamic"] = "strict",
            ["properties"] = new JsonObject
            {
                ["vendorId"] = Keyword(),
                ["name"] = Type("text"),
                ["logoUrl"] = new JsonObject { ["type"] = "keyword", ["index"] = false },
                ["verified"] = Type("boolean"),
                ["city"] = Keyword(),
                ["followerCount"] = Type("long"),
                ["indexedAt"] = Type("date"),
                ["suggest"] = Type("completion"),
            },
        },
    };

    /// <summary>
    /// A product search. Each searched word must match (<paramref name="all"/>; else any may) in one of <see cref="TextFields"/>,
    /// with its synonyms as alternatives and <c>fuzziness: AUTO</c> for typos; the last word also matches as a prefix. Filters
    /// do not score. Facets come back as the <c>categories</c> (terms) and <c>priceBands</c> (range) aggregations.
    /// </summary>
    public static JsonObject Search(ProductSearch search, bool all)
    {
        var text = search.Text;
        var clauses = new JsonArray();
        for (var i = 0; i < text.Terms.Count; i++)
        {
            var term = text.Terms[i];
            JsonNode clause = MultiMatch(string.Join(' ', Synonyms.Of(term).Prepend(term)));
            if (i == text.Terms.Count - 1 && term.Length >= QueryText.MinPrefixLength)
                clause = new JsonObject
                {
                    ["bool"] = new JsonObject
                    {
                        ["should"] = new JsonArray(clause, new JsonObject
                        {
                            ["multi_match"] = new JsonObject { ["query"] = term, ["type"] = "phrase_prefix", ["fields"] = Fields() },
                        }),
                        ["minimum_should_match"] = 1,
                    },
                };
            clauses.Add(clause);
        }

        var filters = Filters(search);
        var query = new JsonObject();
        if (clauses.Count > 0)
        {
            query[all ? "must" : "should"] = clauses;
            if (!all) query["minimum_should_match"] = 1;
        }
        if (filters.Count > 0) query["filter"] = filters;

        return new JsonObject
        {
            ["from"] = search.Offset,
            ["size"] = search.HitsPerPage,
            ["track_total_hits"] = true,
            ["_source"] = new JsonArray("name", "price", "currency", "image", "vendorId", "vendorName", "vendorVerified", "rating", "inStock", "location"),
            ["query"] = query.Count == 0 ? new JsonObject { ["match_all"] = new JsonObject() } : new JsonObject { ["bool"] = query },
            ["sort"] = Sort(search, hasText: clauses.Count > 0),
            ["aggs"] = new JsonObject
            {
                ["categories"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = "categoryId", ["size"] = 100 } },
                ["priceBands"] = new JsonObject { ["range"] = new JsonObject { ["field"] = "price", ["ranges"] = PriceRanges() } },
            },
        };
    }

    /// <summary>Completion suggestions (<c>skip_duplicates</c>, one typo or two by <c>fuzziness: AUTO</c>) from one index's <c>suggest</c> field.</summary>
    public static JsonObject Suggest(string prefix, int size, params string[] source) => new()
    {
        ["size"] = 0,
        ["_source"] = new JsonArray(source.Select(s => (JsonNode)s).ToArray()),
        ["suggest"] = new JsonObject
        {
            ["names"] = new JsonObject
            {
                ["prefix"] = prefix,
                ["completion"] = new JsonObject
                {
                    ["field"] = "suggest",
                    ["size"] = size,
                    ["skip_duplicates"] = true,
                    ["fuzzy"] = new JsonObject { ["fuzziness"] = "AUTO" },
                },
            },
        },
    };

    /// <summary>Everything indexed before <paramref name="before"/>: what a rebuild did not write again is no longer visible.</summary>
    public static JsonObject IndexedBefore(DateTimeOffset before) => new()
    {
        ["query"] = new JsonObject
        {
            ["range"] = new JsonObject { ["indexedAt"] = new JsonObject { ["lt"] = before.UtcDateTime.ToString("O") } },
        },
    };

    /// <summary><c>_bulk</c> NDJSON: an <c>index</c> action and the document per upsert, a <c>delete</c> action per id; one line each, newline-terminated.</summary>
    public static string Bulk(string index, IEnumerable<(string Id, JsonObject Document)> upserts, IEnumerable<string> deletes)
    {
        var ndjson = new StringBuilder();
        foreach (var (id, document) in upserts)
        {
            ndjson.Append(Action("index", index, id).ToJsonString()).Append('\n');
            ndjson.Append(document.ToJsonString()).Append('\n');
        }
        foreach (var id in deletes)
            ndjson.Append(Action("delete", index, id).ToJsonString()).Append('\n');
        return ndjson.ToString();
    }

    public static JsonObject ProductDocument(SearchDocument d, DateTimeOffset indexedAt) => new()
    {
        ["productId"] = d.ProductId.ToString(),
        ["vendorId"] = d.VendorId.ToString(),
        ["vendorName"] = d.VendorName,
        ["vendorVerified"] = d.VendorVerified,
        ["categoryId"] = d.CategoryId.ToString(),
        ["categorySlug"] = d.CategorySlug,
        ["categoryName"] = d.CategoryName,
        ["name"] = d.Name,
        ["description"] = d.Description,
        ["tags"] = new JsonArray(d.Tags.Select(t => (JsonNode)t).ToArray()),
        ["city"] = d.City,
        ["image"] = d.Image,
        ["price"] = d.Price,
        ["currency"] = d.Currency,
        ["inStock"] = d.InStock,
        ["rating"] = d.Rating,
        ["reviewCount"] = d.ReviewCount,
        ["popularity"] = d.Popularity,
        ["location"] = d.Latitude is { } lat && d.Longitude is { } lon ? new JsonObject { ["lat"] = lat, ["lon"] = lon } : null,
        ["createdAt"] = d.CreatedAt.UtcDateTime.ToString("O"),
        ["indexedAt"] = indexedAt.UtcDateTime.ToString("O"),
        ["suggest"] = Completion(d.Name, (int)Math.Round(d.Popularity * 100)),
    };

    public static JsonObject VendorDocument(VendorDocument v, DateTimeOffset indexedAt) => new()
    {
        ["vendorId"] = v.VendorId.ToString(),
        ["name"] = v.Name,
        ["logoUrl"] = v.LogoUrl,
        ["verified"] = v.Verified,
        ["city"] = v.City,
        ["followerCount"] = v.FollowerCount,
        ["indexedAt"] = indexedAt.UtcDateTime.ToString("O"),
        ["suggest"] = Completion(v.Name, (int)Math.Min(int.MaxValue, v.FollowerCount)),
    };

    /// <summary>
    /// Completion inputs: the name from each word on ("Tecno Spark 20", "Spark 20"), since the completion suggester only
    /// matches from the start of an input and buyers type any word of a name first.
    /// </summary>
    public static JsonObject Completion(string name, int weight)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var inputs = Enumerable.Range(0, words.Length)
            .Select(i => string.Join(' ', words[i..]))
            .Where(s => s.Length > 1 && !s.All(c => char.IsDigit(c) || char.IsWhiteSpace(c)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(s => (JsonNode)s).ToArray();
        return new JsonObject { ["input"] = new JsonArray(inputs), ["weight"] = Math.Max(0, weight) };
    }

    private static JsonArray Filters(ProductSearch search)
    {
        var filters = new JsonArray();
        if (search.CategoryId is { } category) filters.Add(Term("categoryId", category.ToString()));
        if (search.VendorId is { } vendor) filters.Add(Term("vendorId", vendor.ToString()));
        if (search.EffectiveMinPrice is not null || search.EffectiveMaxPrice is not null)
        {
            var range = new JsonObject();
            if (search.EffectiveMinPrice is { } min) range["gte"] = min;
            if (search.EffectiveMaxPrice is { } max) range["lte"] = max;
            filters.Add(new JsonObject { ["range"] = new JsonObject { ["price"] = range } });
        }
        if (search.InStockOnly) filters.Add(Term("inStock", true));
        if (search.VerifiedOnly) filters.Add(Term("vendorVerified", true));
        if (search.Geo is { } geo)
            filters.Add(new JsonObject
            {
                ["geo_distance"] = new JsonObject
                {
                    ["distance"] = $"{geo.RadiusKm.ToString(System.Globalization.CultureInfo.InvariantCulture)}km",
                    ["location"] = Point(geo),
                },
            });
        return filters;
    }

    /// <summary>The same orders as the Postgres engine: relevance, then nearest, rating and popularity; a stable id last.</summary>
    private static JsonArray Sort(ProductSearch search, bool hasText)
    {
        var sort = new JsonArray();
        switch (search.EffectiveSort)
        {
            case SearchSort.PriceAsc: sort.Add(Field("price", "asc")); sort.Add("_score"); break;
            case SearchSort.PriceDesc: sort.Add(Field("price", "desc")); sort.Add("_score"); break;
            case SearchSort.Rating: sort.Add(Field("rating", "desc")); sort.Add("_score"); break;
            case SearchSort.Newest:
                sort.Add(Field("createdAt", "desc"));
                sort.Add(Field("productId", "desc"));
                return sort;
            default:
                if (hasText) sort.Add("_score");
                if (search.Geo is { } geo)
                    sort.Add(new JsonObject
                    {
                        ["_geo_distance"] = new JsonObject { ["location"] = Point(geo), ["order"] = "asc", ["unit"] = "km" },
                    });
                if (hasText)
                {
                    sort.Add(Field("rating", "desc"));
                    sort.Add(Field("popularity", "desc"));
                }
                else
                {
                    sort.Add(Field("popularity", "desc"));
                    sort.Add(Field("rating", "desc"));
                }
                sort.Add(Field("productId", "asc"));
                return sort;
        }
        sort.Add(Field("popularity", "desc"));
        sort.Add(Field("productId", "asc"));
        return sort;
    }

    private static JsonArray PriceRanges()
    {
        var ranges = new JsonArray();
        var bounds = PriceBands.Bounds;
        for (var i = 0; i <= bounds.Length; i++)
        {
            var range = new JsonObject { ["key"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (i > 0) range["from"] = bounds[i - 1];
            if (i < bounds.Length) range["to"] = bounds[i];
            ranges.Add(range);
        }
        return ranges;
    }

    private static JsonObject MultiMatch(string query) => new()
    {
        ["multi_match"] = new JsonObject { ["query"] = query, ["fields"] = Fields(), ["fuzziness"] = "AUTO", ["operator"] = "or" },
    };

    private static JsonArray Fields() => new(TextFields.Select(f => (JsonNode)f).ToArray());

    private static JsonObject Point(GeoFilter geo) => new() { ["lat"] = geo.Latitude, ["lon"] = geo.Longitude };

    private static JsonObject Term(string field, JsonNode value) => new() { ["term"] = new JsonObject { [field] = value } };

    private static JsonObject Field(string field, string order) => new() { [field] = new JsonObject { ["order"] = order } };

    private static JsonObject Action(string action, string index, string id) =>
        new() { [action] = new JsonObject { ["_index"] = index, ["_id"] = id } };

    private static JsonObject Keyword() => Type("keyword");

    private static JsonObject English() => new() { ["type"] = "text", ["analyzer"] = "english" };

    private static JsonObject Type(string type) => new() { ["type"] = type };

    /// <summary>Reads a hit's <c>_source</c> (the fields <see cref="Search"/> asks for) into a hit.</summary>
    public static ProductHit ReadHit(SearchHit hit, GeoFilter? from, Highlighter highlighter)
    {
        var s = hit.Source;
        var name = s.GetProperty("name").GetString()!;
        double? km = null;
        if (from is not null && s.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.Object)
            km = Math.Round(Geo.DistanceKm(from.Latitude, from.Longitude, location.GetProperty("lat").GetDouble(), location.GetProperty("lon").GetDouble()), 2);
        return new ProductHit(
            Guid.Parse(hit.Id), name, highlighter.Highlight(name), s.GetProperty("price").GetDecimal(), s.GetProperty("currency").GetString()!,
            s.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.String ? image.GetString() : null,
            Guid.Parse(s.GetProperty("vendorId").GetString()!), s.GetProperty("vendorName").GetString()!, s.GetProperty("vendorVerified").GetBoolean(),
            s.GetProperty("rating").GetDouble(), s.GetProperty("inStock").GetBoolean(), km);
    }
}
