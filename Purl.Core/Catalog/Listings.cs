using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Purl.Core.Catalog;

public enum ListingSort { Newest, PriceAsc, PriceDesc, Popular }

/// <summary>A page request: <c>sort</c> (newest|price_asc|price_desc|popular), <c>cursor</c> from the last page, <c>limit</c> 1–100.</summary>
public sealed record ListingQuery(ListingSort Sort, ListingCursor? After, int Limit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static readonly IReadOnlyDictionary<string, ListingSort> Sorts = new Dictionary<string, ListingSort>(StringComparer.Ordinal)
    {
        ["newest"] = ListingSort.Newest,
        ["price_asc"] = ListingSort.PriceAsc,
        ["price_desc"] = ListingSort.PriceDesc,
        ["popular"] = ListingSort.Popular,
    };

    /// <summary>The query from its query-string values; <paramref name="allowed"/> limits the sorts (null: all).</summary>
    public static Outcome<ListingQuery> Parse(string? sort, string? cursor, string? limit, IReadOnlyCollection<ListingSort>? allowed = null)
    {
        var errors = new FieldErrors();
        int? limitValue = null;
        if (limit is not null)
        {
            if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                limitValue = parsed;
            else
                errors.Add("limit", $"A whole number from 1 to {MaxLimit}.");
        }
        var sortValue = ListingSort.Newest;
        if (sort is not null && (!Sorts.TryGetValue(sort, out sortValue) || (allowed is not null && !allowed.Contains(sortValue))))
        {
            var names = Sorts.Where(s => allowed is null || allowed.Contains(s.Value)).Select(s => s.Key);
            errors.Add("sort", $"One of {string.Join(", ", names)}.");
        }
        if (limitValue is < 1 or > MaxLimit)
            errors.Add("limit", $"A whole number from 1 to {MaxLimit}.");
        ListingCursor? after = null;
        if (cursor is not null && !errors.Any)
        {
            after = ListingCursor.Decode(cursor);
            if (after is null || after.Sort != sortValue)
                errors.Add("cursor", "Not a cursor from this listing and sort; start again without one.");
        }
        return errors.Any ? errors.ToProblem() : new ListingQuery(sortValue, after, limitValue ?? DefaultLimit);
    }
}

/// <summary>
/// Where a page ended: the sort, the last item's sort key and its id (the tie-break). Opaque to clients (base64url).
/// Resuming after (key, id) in the same order gives each listed product exactly once while the listing does not change.
/// </summary>
public sealed record ListingCursor(ListingSort Sort, string Key, Guid Id)
{
    public static ListingCursor After(ListingSort sort, ProductCard last) => new(sort, sort switch
    {
        ListingSort.Newest => last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        ListingSort.PriceAsc or ListingSort.PriceDesc => last.Price.ToString(CultureInfo.InvariantCulture),
        ListingSort.Popular => last.Popularity.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(sort)),
    }, last.Id);

    /// <summary>The key as the SQL parameter of its sort.</summary>
    public object KeyValue => Sort switch
    {
        ListingSort.Newest => new DateTimeOffset(long.Parse(Key, CultureInfo.InvariantCulture), TimeSpan.Zero),
        ListingSort.PriceAsc or ListingSort.PriceDesc => decimal.Parse(Key, CultureInfo.InvariantCulture),
        _ => long.Parse(Key, CultureInfo.InvariantCulture),
    };

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{(int)Sort}|{Key}|{Id:N}"));

    public static ListingCursor? Decode(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
            if (parts.Length != 3 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var sortNumber)
                || !Enum.IsDefined((ListingSort)sortNumber) || !Guid.TryParseExact(parts[2], "N", out var id))
                return null;
            var sort = (ListingSort)sortNumber;
            var valid = sort switch
            {
                ListingSort.Newest => long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                                      && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks,
                ListingSort.PriceAsc or ListingSort.PriceDesc => decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _),
                _ => long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            };
            return valid ? new ListingCursor(sort, parts[1], id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

