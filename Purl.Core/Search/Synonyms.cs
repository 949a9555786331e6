namespace Purl.Core.Search;

/// <summary>
/// Words that mean the same thing to a Kenyan buyer: Swahili singular and plural (kiatu/viatu), Swahili and English
/// (simu/phone), and spelling variants (khanga/kanga). A search for one also finds products that only carry another.
/// English plurals need no entry: the English stemmer already makes "shoes" and "shoe" one word.
/// </summary>
public static class Synonyms
{
    private static readonly string[][] Groups =
    [
        ["kiatu", "viatu", "shoe"],
        ["simu", "phone"],
        ["runinga", "televisheni", "tv", "television"],
        ["nguo", "mavazi", "clothes", "clothing"],
        ["rinda", "dress"],
        ["shati", "shirt"],
        ["mkoba", "mikoba", "bag", "handbag"],
        ["kitabu", "vitabu", "book"],
        ["mtoto", "watoto", "kid", "child", "children", "baby"],
        ["taa", "lamp", "light"],
        ["sabuni", "soap"],
        ["asali", "honey"],
        ["kahawa", "coffee"],
        ["chai", "tea"],
        ["mchele", "rice"],
        ["unga", "flour"],
        ["mpira", "ball", "football"],
        ["herini", "earring"],
        ["shanga", "bead", "beadwork"],
        ["kikapu", "vikapu", "kiondo", "basket"],
        ["sufuria", "pot", "cookware"],
        ["chandarua", "mosquito"],
        ["saa", "watch"],
        ["kofia", "hat", "cap"],
        ["mkanda", "belt"],
        ["godoro", "mattress"],
        ["samaki", "fish"],
        ["miwani", "glasses", "sunglasses"],
        ["mafuta", "oil"],
        ["nywele", "hair"],
        ["umeme", "power", "electricity"],
        ["jiko", "stove", "cooker"],
        ["blanketi", "blanket"],
        ["khanga", "kanga"],
        ["ndala", "sandal", "slipper"],
        ["raba", "sneaker", "trainer"],
    ];

    private static readonly Dictionary<string, string[]> ByWord = Build();

    /// <summary>The other words of <paramref name="term"/>'s groups (none when it has no synonyms).</summary>
    public static IReadOnlyList<string> Of(string term) =>
        ByWord.TryGetValue(term, out var others) ? others
        : ByWord.TryGetValue(Plurals.Singular(term), out others) ? others
        : [];

    private static Dictionary<string, string[]> Build()
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var group in Groups)
            foreach (var word in group)
            {
                if (!map.TryGetValue(word, out var others)) map[word] = others = [];
                others.UnionWith(group.Where(w => w != word));
            }
        return map.ToDictionary(e => e.Key, e => e.Value.Order(StringComparer.Ordinal).ToArray());
    }
}

/// <summary>A small English plural rule for comparing words outside Postgres' stemmer (highlighting, synonyms).</summary>
public static class Plurals
{
    public static string Singular(string word) => word switch
    {
        { Length: > 4 } when word.EndsWith("ies", StringComparison.Ordinal) => word[..^3] + "y",
        { Length: > 4 } when word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) => word[..^2],
        { Length: > 3 } when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) => word[..^1],
        _ => word,
    };
}
