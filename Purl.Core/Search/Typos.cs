namespace Purl.Core.Search;

/// <summary>
/// How many wrong letters a word may have and still find what was meant: none up to three letters (too many short
/// words are one letter apart), one for four letters, two from five ("shooes" → shoes, "snikers" → sneakers). A swap of
/// two neighbouring letters counts as one.
/// </summary>
public static class Typos
{
    public static int Allowed(string word) =>
        word.All(char.IsDigit) ? 0 : word.Length switch { < 4 => 0, 4 => 1, _ => 2 };

    /// <summary>
    /// From the vocabulary's nearest words to <paramref name="term"/> (<paramref name="candidates"/>, each with how many
    /// products carry it), the words it was probably meant to be: none when the term itself is a known word, else those at the
    /// smallest edit distance within <see cref="Allowed"/>, most common first, at most <paramref name="max"/>.
    /// </summary>
    public static IReadOnlyList<string> Corrections(string term, IEnumerable<(string Word, int Frequency)> candidates, int max = 3)
    {
        var allowed = Allowed(term);
        var scored = new List<(string Word, int Frequency, int Distance)>();
        foreach (var (word, frequency) in candidates)
        {
            if (word == term) return [];
            if (allowed == 0) continue;
            var distance = Distance(term, word, allowed);
            if (distance <= allowed) scored.Add((word, frequency, distance));
        }
        if (scored.Count == 0) return [];
        var best = scored.Min(s => s.Distance);
        return scored.Where(s => s.Distance == best)
            .OrderByDescending(s => s.Frequency).ThenBy(s => s.Word, StringComparer.Ordinal)
            .Take(max).Select(s => s.Word).ToList();
    }

    /// <summary>
    /// For a word still being typed: the vocabulary words whose beginning is within the allowed typos of
    /// <paramref name="prefix"/> ("sneek" → sneakers), or none when a word already starts with it.
    /// </summary>
    public static IReadOnlyList<string> PrefixCorrections(string prefix, IEnumerable<(string Word, int Frequency)> candidates, int max = 3)
    {
        var allowed = Allowed(prefix);
        var scored = new List<(string Word, int Frequency, int Distance)>();
        foreach (var (word, frequency) in candidates)
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal)) return [];
            if (allowed == 0) continue;
            var distance = Enumerable.Range(prefix.Length - 1, 3)
                .Where(n => n > 0 && n <= word.Length)
                .Select(n => Distance(prefix, word[..n], allowed))
                .DefaultIfEmpty(allowed + 1).Min();
            if (distance <= allowed) scored.Add((word, frequency, distance));
        }
        if (scored.Count == 0) return [];
        var best = scored.Min(s => s.Distance);
        return scored.Where(s => s.Distance == best)
            .OrderByDescending(s => s.Frequency).ThenBy(s => s.Word, StringComparer.Ordinal)
            .Take(max).Select(s => s.Word).ToList();
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent swaps), or <paramref name="limit"/> + 1 once it is beyond.</summary>
    public static int Distance(string a, string b, int limit = int.MaxValue - 1)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > limit) return limit + 1;
        }
        return Math.Min(d[a.Length, b.Length], limit + 1);
    }
}
