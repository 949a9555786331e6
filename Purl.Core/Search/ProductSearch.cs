using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Purl.Core.Search;

public enum SearchSort { Relevance, PriceAsc, PriceDesc, Rating, Newest }

/// <summary>A circle around the buyer. Distances are great-circle kilometres.</summary>
public sealed record GeoFilter(double Latitude, double Longitude, double RadiusKm);

/// <summary>Great-circle distance on a sphere of the Earth's mean radius, as the Postgres engine computes it in SQL.</summary>
public static class Geo
{
    public const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(double lat1, double lng1, double lat2, double lng2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lng2 - lng1) / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(a));
    }
}

/// <summary>
/// One validated product search. Built by <see cref="Parse"/> from the query string, so every engine receives only
/// values inside the limits below.
/// </summary>
public sealed record ProductSearch
{
    public const int DefaultHitsPerPage = 20;
    public const int MaxHitsPerPage = 100;
    /// <summary>Hits beyond this rank cannot be paged to (Elasticsearch's default result window; deep pages are a scraper's, not a buyer's).</summary>
    public const int MaxResultWindow = 10_000;
    public const double MaxRadiusKm = 500;
    public const double DefaultRadiusKm = 10;
    public const decimal PriceLimit = 10_000_000_000m;

    public QueryText Text { get; init; } = QueryText.Empty;
    /// <summary>A category id or slug, as given (lowercase).</summary>
    public string? Category { get; init; }
    /// <summary>Set by <see cref="SearchService"/> once <see cref="Category"/> is known to exist.</summary>
    public Guid? CategoryId { get; init; }
    public Guid? VendorId { get; init; }
    public decimal? MinPrice { get; init; }
    public decimal? MaxPrice { get; init; }
    public bool InStockOnly { get; init; }
    public bool VerifiedOnly { get; init; }
    public SearchSort Sort { get; init; }
    public GeoFilter? Geo { get; init; }
    public int Page { get; init; }
    public int HitsPerPage { get; init; } = DefaultHitsPerPage;

    /// <summary>"cheap" asks for the cheapest matches first, unless a sort was chosen.</summary>
    public SearchSort EffectiveSort => Sort == SearchSort.Relevance && Text.Cheap ? SearchSort.PriceAsc : Sort;

    /// <summary>The price range: the parameters, else what the text said ("under 2000").</summary>
    public decimal? EffectiveMinPrice => MinPrice ?? Text.MinPrice;
    public decimal? EffectiveMaxPrice => MaxPrice ?? Text.MaxPrice;

    public int Offset => Page * HitsPerPage;

    /// <summary>The same for every request that asks for the same thing ("Shoes!" and "shoes"), whatever order the parameters came in.</summary>
    public string CacheKey()
    {
        var geo = Geo is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{Geo.Latitude:F4},{Geo.Longitude:F4},{Geo.RadiusKm:F1}");
        var key = string.Join('\n', Text.Normalised, Category, VendorId, Invariant(EffectiveMinPrice), Invariant(EffectiveMaxPrice),
            InStockOnly, VerifiedOnly, EffectiveSort, geo, Page, HitsPerPage);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    /// <summary>1500, 1500.0 and 1500.00 are one price.</summary>
    private static string Invariant(decimal? value) => value?.ToString("0.############", CultureInfo.InvariantCulture) ?? "";

    private static readonly Dictionary<string, SearchSort> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["relevance"] = SearchSort.Relevance,
        ["price_asc"] = SearchSort.PriceAsc,
        ["price_desc"] = SearchSort.PriceDesc,
        ["rating"] = SearchSort.Rating,
        ["newest"] = SearchSort.Newest,
    };

    /// <summary>Reads the query string's values (as sent, unparsed) into a search, or the problem naming each bad field.</summary>
    public static Outcome<ProductSearch> Parse(ProductSearchParameters p)
    {
        var errors = new FieldErrors();

        if (p.Q is { Length: > QueryText.MaxLength })
            errors.Add("q", $"At most {QueryText.MaxLength} characters.");

        string? category = null;
        if (!string.IsNullOrWhiteSpace(p.Category))
        {
            category = p.Category.Trim().ToLowerInvariant();
            if (!Guid.TryParse(category, out _) && (category.Length > 60 || !category.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
                errors.Add("category", "A category id or slug (letters, digits and hyphens).");
        }

        var vendor = ParseGuid(p.Vendor, "vendor", errors);
        var minPrice = ParsePrice(p.MinPrice, "minPrice", errors);
        var maxPrice = ParsePrice(p.MaxPrice, "maxPrice", errors);
        if (minPrice > maxPrice) errors.Add("minPrice", "Must not be above maxPrice.");
        var inStock = ParseBool(p.InStock, "inStock", errors);
        var verified = ParseBool(p.Verified, "verified", errors);

        var sort = SearchSort.Relevance;
        if (!string.IsNullOrWhiteSpace(p.Sort) && !Sorts.TryGetValue(p.Sort.Trim(), out sort))
            errors.Add("sort", $"One of {string.Join(", ", Sorts.Keys)}.");

        var geo = ParseGeo(p, errors);

        var page = ParseInt(p.Page, "page", 0, 0, MaxResultWindow, errors);
        var hitsPerPage = ParseInt(p.HitsPerPage, "hitsPerPage", DefaultHitsPerPage, 1, MaxHitsPerPage, errors);
        if ((long)(page + 1) * hitsPerPage > MaxResultWindow && !errors.Any)
            errors.Add("page", $"Only the first {MaxResultWindow:N0} hits can be paged through; narrow the search.");

        if (errors.Any) return errors.ToProblem();
        return new ProductSearch
        {
            Text = QueryText.Parse(p.Q),
            Category = category,
            VendorId = vendor,
            MinPrice = minPrice,
            MaxPrice = maxPrice,
            InStockOnly = inStock ?? false,
            VerifiedOnly = verified ?? false,
            Sort = sort,
            Geo = geo,
            Page = page,
            HitsPerPage = hitsPerPage,
        };
    }

    private static GeoFilter? ParseGeo(ProductSearchParameters p, FieldErrors errors)
    {
        var lat = ParseDouble(p.Lat, "lat", -90, 90, errors);
        var lng = ParseDouble(p.Lng, "lng", -180, 180, errors);
        double? radius = null;
        if (!string.IsNullOrWhiteSpace(p.RadiusKm))
        {
            if (!double.TryParse(p.RadiusKm.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var r) || !double.IsFinite(r))
                errors.Add("radiusKm", "A number of kilometres.");
            else if (r <= 0) errors.Add("radiusKm", "More than 0 km.");
            else if (r > MaxRadiusKm) errors.Add("radiusKm", $"At most {MaxRadiusKm:0} km.");
            else radius = r;
        }
        var hasLat = !string.IsNullOrWhiteSpace(p.Lat);
        var hasLng = !string.IsNullOrWhiteSpace(p.Lng);
        if (hasLat != hasLng) errors.Add(hasLat ? "lng" : "lat", "Give lat and lng together.");
        if (!hasLat && !hasLng && !string.IsNullOrWhiteSpace(p.RadiusKm)) errors.Add("radiusKm", "Needs lat and lng.");
        return lat is { } la && lng is { } ln ? new GeoFilter(la, ln, radius ?? DefaultRadiusKm) : null;
    }

    private static Guid? ParseGuid(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (Guid.TryParse(value.Trim(), out var id)) return id;
        errors.Add(field, "An id (GUID).");
        return null;
    }

    private static decimal? ParsePrice(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (decimal.TryParse(value.Trim(), NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var price)
            && price >= 0 && price <= PriceLimit)
            return price;
        errors.Add(field, $"A price from 0 to {PriceLimit:0}, like 1500 or 1499.99.");
        return null;
    }

    private static bool? ParseBool(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        switch (value.Trim().ToLowerInvariant())
        {
            case "true" or "1": return true;
            case "false" or "0": return false;
            default:
                errors.Add(field, "true or false.");
                return null;
        }
    }

    private static double? ParseDouble(string? value, string field, double min, double max, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number) && number >= min && number <= max)
            return number;
        errors.Add(field, $"A number from {min} to {max}.");
        return null;
    }

    private static int ParseInt(string? value, string field, int fallback, int min, int max, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            return number;
        errors.Add(field, $"A whole number from {min} to {max}.");
        return fallback;
    }
}

/// <summary>The query string of <c>GET /search/products</c>, every value as sent, so that bad values get a message naming the field.</summary>
public sealed record ProductSearchParameters(
    string? Q = null, string? Category = null, string? Vendor = null, string? MinPrice = null, string? MaxPrice = null,
    string? InStock = null, string? Verified = null, string? Sort = null, string? Lat = null, string? Lng = null,
    string? RadiusKm = null, string? Page = null, string? HitsPerPage = null);
