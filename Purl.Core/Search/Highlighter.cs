using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.RegularExpressions;

namespace Purl.Core.Search;

/// <summary>
/// Marks the words of a product name that the search matched with <c>&lt;em&gt;…&lt;/em&gt;</c> and HTML-encodes
/// everything else, so a client can show it as HTML whatever a vendor typed. A word of the name matches a searched word
/// when they are the same (after lowercasing and the plural rule), when it starts with the last searched word (the buyer
/// may still be typing), or when it is within the typos a typed word allows (not its synonyms: "ndala" must not light up
/// "akala"). Both engines use it, so highlights agree.
/// </summary>
public sealed partial class Highlighter
{
    // Letters of every script stay readable; markup characters and quotes are encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly string[] _typed;
    private readonly HashSet<string> _singulars;
    private readonly string? _prefix;

    /// <param name="typed">The words as typed, matched with typo tolerance.</param>
    /// <param name="alternatives">Their synonyms and corrections, matched exactly (or in the plural).</param>
    /// <param name="prefix">The last typed word when it is long enough to be matched as a prefix.</param>
    public Highlighter(IEnumerable<string> typed, IEnumerable<string> alternatives, string? prefix)
    {
        _typed = typed.Distinct().ToArray();
        _singulars = _typed.Concat(alternatives).Select(Plurals.Singular).ToHashSet(StringComparer.Ordinal);
        _prefix = prefix;
    }

    public static Highlighter For(QueryText text, IEnumerable<string>? corrections = null, int minPrefix = QueryText.MinPrefixLength) =>
        new(text.Terms, text.Terms.SelectMany(Synonyms.Of).Concat(corrections ?? []),
            text.Terms.Count > 0 && text.Terms[^1].Length >= minPrefix ? text.Terms[^1] : null);

    public string Highlight(string text)
    {
        var html = new StringBuilder(text.Length + 16);
        var at = 0;
        foreach (Match word in Word().Matches(text))
        {
            html.Append(Encoder.Encode(text[at..word.Index]));
            var encoded = Encoder.Encode(word.Value);
            if (Matches(QueryText.Fold(word.Value))) html.Append("<em>").Append(encoded).Append("</em>");
            else html.Append(encoded);
            at = word.Index + word.Length;
        }
        html.Append(Encoder.Encode(text[at..]));
        return html.ToString();
    }

    private bool Matches(string word)
    {
        if (_singulars.Contains(Plurals.Singular(word))) return true;
        if (_prefix is not null && word.StartsWith(_prefix, StringComparison.Ordinal)) return true;
        foreach (var searched in _typed)
        {
            var allowed = Typos.Allowed(searched);
            if (allowed > 0 && Typos.Distance(searched, word, allowed) <= allowed) return true;
        }
        return false;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
