using System.Globalization;
using System.Text;

namespace Purl.Bench.Search;

/// <summary>One search a buyer might send, with its filters; <see cref="Path"/> is the request.</summary>
public sealed record SearchRequest(
    string? Q, string? Category, decimal? MinPrice, decimal? MaxPrice, bool InStock, bool Verified, string Sort,
    (double Lat, double Lng, double RadiusKm)? Near, int Page, int HitsPerPage = 20)
{
    public string Path
    {
        get
        {
            var query = new List<string>();
            void Add(string name, object? value)
            {
                if (value is not null) query.Add($"{name}={Uri.EscapeDataString(Convert.ToString(value, CultureInfo.InvariantCulture)!)}");
            }
            Add("q", Q);
            Add("category", Category);
            Add("minPrice", MinPrice);
            Add("maxPrice", MaxPrice);
            if (InStock) Add("inStock", "true");
            if (Verified) Add("verified", "true");
            if (Sort != "relevance") Add("sort", Sort);
            if (Near is { } near)
            {
                Add("lat", near.Lat);
                Add("lng", near.Lng);
                Add("radiusKm", near.RadiusKm);
            }
            if (Page > 0) Add("page", Page);
            return "/search/products" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
        }
    }
}

/// <summary>
/// The searches of the bench: "shoes" for the surge, and a fixed set of distinct searches with filters for the mix, drawn
/// from what the demo catalogue sells (English and Swahili words, brands, typos, places) with a seeded random, so every run
/// sends the same requests.
/// </summary>
public static class SearchWorkload
{
    public static readonly SearchRequest Popular = new("shoes", null, null, null, false, false, "relevance", null, 0);

    private static readonly string[] Words =
    [
        "shoes", "sneakers", "sandals", "boots", "dress", "kitenge", "ankara", "shirt", "jacket", "kanzu", "kaftan", "shuka", "kikoi",
        "khanga", "tecno", "infinix", "samsung", "itel", "nokia", "phone", "power bank", "charger", "solar lamp", "speaker",
        "earbuds", "tv", "fan", "extension cable", "shea butter", "soap", "coconut oil", "braids", "aloe vera", "jiko", "sufuria",
        "flask", "mosquito net", "basket", "rice", "unga", "coffee", "tea", "honey", "macadamia", "omena", "toy", "uniform",
        "book", "jersey", "football", "yoga mat", "carving", "painting", "necklace", "earrings", "bracelet", "viatu", "simu",
        "nguo", "mavazi", "chakula", "urembo", "shanga", "kahawa", "asali", "mchele", "akala", "mitumba", "beadwork", "sisal",
        "shooes", "sneekers", "samsng", "infinx", "tecnno", "jikko", "sufria", "hunny", "ankra", "kitengi", "sandles", "earings",
    ];

    private static readonly string[] Qualifiers =
        ["", "", "", "cheap", "leather", "kids", "black", "red", "blue", "handmade", "original", "nairobi", "mombasa", "kisumu"];

    private static readonly string[] Categories =
        ["fashion", "shoes", "electronics", "beauty", "home", "groceries", "phones", "kids", "sports", "crafts", "jewellery"];

    private static readonly string[] Sorts = ["relevance", "relevance", "relevance", "price_asc", "price_desc", "rating", "newest"];

    private static readonly (double Lat, double Lng)[] Cities =
        [(-1.2864, 36.8172), (-4.0435, 39.6682), (-0.0917, 34.7680), (-0.3031, 36.0800), (0.5143, 35.2698)];

    /// <summary><paramref name="count"/> distinct searches (distinct requests), the same on every run.</summary>
    public static IReadOnlyList<SearchRequest> Mixed(int count = 1_000, int seed = 6)
    {
        var random = new Random(seed);
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        bool Chance(double p) => random.NextDouble() < p;

        var requests = new List<SearchRequest>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        while (requests.Count < count)
        {
            var q = Chance(0.05) ? null : $"{Pick(Qualifiers)} {Pick(Words)}".Trim();
            decimal? min = null, max = null;
            if (Chance(0.35))
            {
                min = Chance(0.5) ? Pick(new decimal[] { 200, 500, 1_000, 2_000, 5_000 }) : null;
                max = (min ?? 0) + Pick(new decimal[] { 1_000, 2_500, 5_000, 15_000, 30_000 });
            }
            var category = Chance(0.3) ? Pick(Categories) : null;
            var (inStock, verified, sort) = (Chance(0.3), Chance(0.2), Pick(Sorts));
            (double, double, double)? near = null;
            if (Chance(0.15))
            {
                var (lat, lng) = Pick(Cities);
                near = (lat, lng, Pick(new double[] { 5, 10, 25, 50 }));
            }
            var request = new SearchRequest(q, category, min, max, inStock, verified, sort, near, Chance(0.2) ? random.Next(1, 3) : 0);
            if (paths.Add(request.Path)) requests.Add(request);
        }
        return requests;
    }

    /// <summary>
    /// The wrk script: cycles through <paramref name="requests"/> (each thread from its own offset), sends every request from
    /// a different client address in X-Forwarded-For (the API trusts it from loopback) so the per-client limit of 60 a minute
    /// does not shape the load, and counts the answers that came from the cache.
    /// </summary>
    public static string WrkScript(IReadOnlyList<SearchRequest> requests)
    {
        var lua = new StringBuilder();
        lua.AppendLine("local paths = {");
        foreach (var r in requests) lua.Append("  \"").Append(r.Path).AppendLine("\",");
        lua.AppendLine("}");
        lua.AppendLine("""
            local threads = {}
            function setup(thread)
              table.insert(threads, thread)
              thread:set("tid", #threads)
            end
            function init(args)
              n = 0
              cached = 0
              answered = 0
            end
            function request()
              n = n + 1
              local path = paths[((n + tid * 7919) % #paths) + 1]
              local ip = string.format("10.%d.%d.%d", tid % 256, math.floor(n / 256) % 256, n % 256)
              return wrk.format("GET", path, { ["X-Forwarded-For"] = ip })
            end
            function response(status, headers, body)
              answered = answered + 1
              if body and string.find(body, '"fromCache":true', 1, true) then cached = cached + 1 end
            end
            function purl_report()
              local c, a = 0, 0
              for _, t in ipairs(threads) do
                c = c + t:get("cached")
                a = a + t:get("answered")
              end
              return string.format("purl-search: cached=%d answered=%d\n", c, a)
            end
            """);
        return lua.ToString();
    }

    /// <summary>Reads the line <see cref="WrkScript"/> adds: how many answers came from the cache.</summary>
    public static (long Cached, long Answered) CacheCounts(string wrkOutput)
    {
        var line = wrkOutput.Split('\n').FirstOrDefault(l => l.StartsWith("purl-search: ", StringComparison.Ordinal))
            ?? throw new BenchException("wrk's report lacks the purl-search line");
        var fields = line["purl-search: ".Length..].Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture));
        return (fields["cached"], fields["answered"]);
    }
}
