namespace Purl.Core.Search.Postgres;

/// <summary>A product's place in a <see cref="SearchSnapshot"/> and what a lexeme weighs in it.</summary>
public readonly record struct Posting(int Slot, float Score);

/// <summary>
/// An immutable copy of the search index in memory: every product in a slot, and for every lexeme the slots that carry it
/// (an inverted index). Searches read it without locks; <see cref="With"/> makes the next copy from a few changes without
/// rebuilding the rest: changed products take new slots and their old slots die, until dead slots pass a quarter and
/// <see cref="Build"/> packs them again.
/// </summary>
public sealed class SearchSnapshot
{
    private readonly IndexedProduct?[] _slots;
    private readonly ProductFacts[] _facts;
    private readonly int _live;
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly string[] _lexemes; // ordinal order, for prefixes

    private SearchSnapshot(IndexedProduct?[] slots, ProductFacts[] facts, int live, Dictionary<string, Posting[]> postings, string[] lexemes)
    {
        (_slots, _facts, _live, _postings, _lexemes) = (slots, facts, live, postings, lexemes);
    }

    public int Count => _live;

    /// <summary>Slot by slot; a null slot held a product that has since changed or left.</summary>
    public IndexedProduct?[] Slots => _slots;

    /// <summary>The facts of each slot's product (of a null slot: stale).</summary>
    public ReadOnlySpan<ProductFacts> Facts => _facts;

    public static SearchSnapshot Build(IEnumerable<IndexedProduct> products)
    {
        var slots = products.ToArray<IndexedProduct?>();
        var lists = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var slot = 0; slot < slots.Length; slot++)
            foreach (var lexeme in slots[slot]!.Lexemes)
            {
                if (!lists.TryGetValue(lexeme.Lexeme, out var list)) lists[lexeme.Lexeme] = list = [];
                list.Add(new Posting(slot, lexeme.Score));
            }
        var postings = lists.ToDictionary(l => l.Key, l => l.Value.ToArray(), StringComparer.Ordinal);
        return new SearchSnapshot(slots, slots.Select(p => ProductFacts.Of(p!)).ToArray(), slots.Length, postings, SortedLexemes(postings));
    }

    /// <summary>
    /// The next snapshot: <paramref name="dead"/> slots emptied (products that changed or left), <paramref name="added"/>
    /// products in new slots at the end, returned in <paramref name="addedSlots"/>. Posting lists that gain an entry are
    /// copied; the others are shared.
    /// </summary>
    public SearchSnapshot With(IReadOnlyCollection<int> dead, IReadOnlyList<IndexedProduct> added, out int[] addedSlots)
    {
        var slots = new IndexedProduct?[_slots.Length + added.Count];
        Array.Copy(_slots, slots, _slots.Length);
        var facts = new ProductFacts[slots.Length];
        Array.Copy(_facts, facts, _facts.Length);
        var live = _live;
        foreach (var slot in dead)
            if (slots[slot] is not null)
            {
                slots[slot] = null;
                live--;
            }

        var postings = new Dictionary<string, Posting[]>(_postings, StringComparer.Ordinal);
        var gained = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        addedSlots = new int[added.Count];
        for (var i = 0; i < added.Count; i++)
        {
            var slot = addedSlots[i] = _slots.Length + i;
            slots[slot] = added[i];
            facts[slot] = ProductFacts.Of(added[i]);
            live++;
            foreach (var lexeme in added[i].Lexemes)
            {
                if (!gained.TryGetValue(lexeme.Lexeme, out var list)) gained[lexeme.Lexeme] = list = [];
                list.Add(new Posting(slot, lexeme.Score));
            }
        }
        foreach (var (lexeme, list) in gained)
            postings[lexeme] = postings.TryGetValue(lexeme, out var old) ? [.. old, .. list] : [.. list];
        var lexemes = gained.Keys.All(_postings.ContainsKey) ? _lexemes : SortedLexemes(postings);
        return new SearchSnapshot(slots, facts, live, postings, lexemes);
    }

    /// <summary>True when so many slots are dead that searching wastes time on them: time to <see cref="Build"/> afresh.</summary>
    public bool NeedsPacking => _slots.Length - _live > Math.Max(1_000, _slots.Length / 4);

    /// <summary>The postings of <paramref name="lexeme"/>, or none.</summary>
    public ReadOnlySpan<Posting> PostingsOf(string lexeme) =>
        _postings.TryGetValue(lexeme, out var postings) ? postings : ReadOnlySpan<Posting>.Empty;

    /// <summary>Every lexeme that starts with <paramref name="prefix"/>.</summary>
    public IEnumerable<string> LexemesStartingWith(string prefix)
    {
        var start = Array.BinarySearch(_lexemes, prefix, StringComparer.Ordinal);
        if (start < 0) start = ~start;
        for (var i = start; i < _lexemes.Length && _lexemes[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            yield return _lexemes[i];
    }

    private static string[] SortedLexemes(Dictionary<string, Posting[]> postings)
    {
        var lexemes = postings.Keys.ToArray();
        Array.Sort(lexemes, StringComparer.Ordinal);
        return lexemes;
    }
}
