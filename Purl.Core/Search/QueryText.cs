using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Purl.Core.Search;

/// <summary>
/// What a buyer typed, read the way both engines search it: lowercase words of letters and digits (so
/// <c>&amp; | ! : * ' "</c> and every other symbol are only separators), without filler words, plus the price hints the
/// text carried. Rules:
/// <list type="bullet">
/// <item>"cheap", "cheapest", "affordable", "budget", "nafuu", "rahisi" are not searched for: they ask for the
/// cheapest matches first (<see cref="Cheap"/>; the engines sort by price ascending when the sort is relevance).</item>
/// <item>"under 2000", "below 2,000", "chini ya 2k", "max 1500" set a maximum price; "over 5000", "above 5k",
/// "zaidi ya 5000" a minimum. An explicit <c>minPrice</c>/<c>maxPrice</c> parameter wins over the text.</item>
/// <item>English and Swahili filler ("the", "for", "with", "na", "ya", "bei", …) and one-letter words are dropped;
/// at most <see cref="MaxTerms"/> words are searched.</item>
/// </list>
/// </summary>
public sealed partial record QueryText
{
    public const int MaxLength = 200;
    public const int MaxTerms = 8;

    public static readonly QueryText Empty = new([], false, null, null);

    private QueryText(IReadOnlyList<string> terms, bool cheap, decimal? minPrice, decimal? maxPrice) =>
        (Terms, Cheap, MinPrice, MaxPrice) = (terms, cheap, minPrice, maxPrice);

    /// <summary>The words to search for, lowercase, without diacritics, in the order typed, each once.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The text asked for cheap things ("cheap", "bei nafuu", …).</summary>
    public bool Cheap { get; }

    /// <summary>"over 5000" and the like.</summary>
    public decimal? MinPrice { get; }

    /// <summary>"under 2000" and the like.</summary>
    public decimal? MaxPrice { get; }

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>The last word is matched as a prefix too (the buyer may still be typing it) when it has this many letters.</summary>
    public const int MinPrefixLength = 3;

    /// <summary>The same for every way of typing the same search: the cache key is built from it.</summary>
    public string Normalised => $"{string.Join(' ', Terms)}|{(Cheap ? "cheap" : "")}|{MinPrice}|{MaxPrice}";

    /// <summary>A short stable key for <see cref="Normalised"/> (suggestions are cached under it).</summary>
    public string CacheKey() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalised)))[..32];

    private static readonly HashSet<string> CheapWords = ["cheap", "cheapest", "cheaper", "affordable", "budget", "nafuu", "rahisi"];

    private static readonly HashSet<string> Filler =
    [
        // English
        "a", "an", "and", "the", "for", "with", "of", "in", "on", "to", "at", "by", "or", "my", "me", "is", "are", "near",
        "some", "buy", "price", "prices", "sale", "ksh", "kes", "sh", "bob",
        // Swahili: connectives ("viatu vya watoto", "bei ya simu") and "price"
        "na", "ya", "za", "wa", "la", "cha", "vya", "kwa", "katika", "kwenye", "ni", "au", "bei", "nunua",
    ];

    public static QueryText Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Empty;
        var lower = Fold(text);

        decimal? maxPrice = null, minPrice = null;
        lower = MaxPricePhrase().Replace(lower, m => { maxPrice = Amount(m); return " "; });
        lower = MinPricePhrase().Replace(lower, m => { minPrice = Amount(m); return " "; });

        var cheap = false;
        var terms = new List<string>();
        foreach (Match word in Word().Matches(lower))
        {
            var w = word.Value;
            if (CheapWords.Contains(w)) { cheap = true; continue; }
            if (Filler.Contains(w) || (w.Length == 1 && !char.IsDigit(w[0])) || terms.Contains(w)) continue;
            if (terms.Count < MaxTerms) terms.Add(w);
        }
        return new QueryText(terms, cheap, minPrice, maxPrice);
    }

    /// <summary>Lowercase, with accents taken off (é → e), as words are indexed and compared.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(c);
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The words of <paramref name="text"/> as the index and the highlighter see them.</summary>
    public static IEnumerable<string> Words(string text) => Word().Matches(Fold(text)).Select(m => m.Value);

    private static decimal? Amount(Match m)
    {
        var digits = m.Groups["amount"].Value.Replace(",", "");
        if (!decimal.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount)) return null;
        return m.Groups["k"].Success ? amount * 1000 : amount;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    private const string AmountPattern = @"\s*(?:ksh\.?|kes|sh\.?)?\s*(?<amount>\d{1,3}(?:,\d{3})+|\d{1,9})(?<k>k)?\b";

    [GeneratedRegex(@"\b(?:under|below|less than|cheaper than|max|up to|upto|chini ya)" + AmountPattern)]
    private static partial Regex MaxPricePhrase();

    [GeneratedRegex(@"\b(?:over|above|more than|from|min|zaidi ya|kuanzia)" + AmountPattern)]
    private static partial Regex MinPricePhrase();
}
