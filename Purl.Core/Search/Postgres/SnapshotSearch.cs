using System.Runtime.InteropServices;

namespace Purl.Core.Search.Postgres;

/// <summary>
/// One searched word as lexemes: a document matches it when it carries any of <paramref name="Exact"/> (the word and its
/// synonyms), any lexeme starting with <paramref name="Prefix"/>, or any of <paramref name="Corrected"/> (what a typo may
/// have meant), which counts a little less, so a product with the word as typed comes before one with a near word
/// ("sneaker": sneakers before a speaker).
/// </summary>
public sealed record LexemeTerm(IReadOnlyList<string> Exact, string? Prefix, IReadOnlyList<string> Corrected)
{
    public const float CorrectedWeight = 0.9f;

    /// <summary>A word that stemmed to nothing (an English stop word) is left out of the search, as Postgres's to_tsquery does.</summary>
    public bool IsEmpty => Exact.Count == 0 && Prefix is null && Corrected.Count == 0;
}

/// <summary>A product that matched, with its text rank and, when the search had a point, its distance.</summary>
public readonly record struct SnapshotMatch(int Slot, float Rank, int RoundedRank, double Km);

/// <param name="Page">The hits of the page asked for, in order.</param>
public sealed record SnapshotResult(
    IReadOnlyList<(IndexedProduct Product, SnapshotMatch Match)> Page, long Total, IReadOnlyDictionary<Guid, long> Categories,
    IReadOnlyDictionary<int, long> Bands);

/// <summary>
/// A product search over a <see cref="SearchSnapshot"/>. With words, every word must match (in any field) and the rank is
/// the mean of each word's best lexeme score; when no product has them all, any word may match (fewer words, lower rank).
/// Filters, facets over every match, and a bounded heap for the page: the cost is one pass over the words' postings, or
/// over every product for a search without words.
/// </summary>
public static class SnapshotSearch
{
    public static SnapshotResult Run(SearchSnapshot snapshot, ProductSearch search, IReadOnlyList<LexemeTerm>? terms)
    {
        var slots = snapshot.Slots;
        var facts = snapshot.Facts;
        var collector = new Collector(slots, KeyFor(search, terms is not null), search.Offset + search.HitsPerPage);
        var filter = new Filter(search);

        if (terms is null)
        {
            for (var slot = 0; slot < slots.Length; slot++)
                if (slots[slot] is not null && filter.Passes(facts[slot], out var km))
                    collector.Add(facts[slot], new SnapshotMatch(slot, 0, 0, km));
        }
        else
        {
            var words = terms.Where(t => !t.IsEmpty).ToList();
            var scratch = Scratch.Rent(slots.Length);
            try
            {
                for (var i = 0; i < words.Count; i++) scratch.AddWord(snapshot, words[i], i);
                var all = (1 << words.Count) - 1;
                Collect(mask => mask == all);
                if (collector.Total == 0 && words.Count > 1) Collect(_ => true);

                void Collect(Func<int, bool> enough)
                {
                    var facts = snapshot.Facts; // a span cannot be captured
                    foreach (var slot in scratch.Touched)
                        if (enough(scratch.Mask[slot]) && slots[slot] is not null && filter.Passes(facts[slot], out var km))
                        {
                            var rank = scratch.Sum[slot] / words.Count;
                            collector.Add(facts[slot], new SnapshotMatch(slot, rank, (int)Math.Round(rank * 100, MidpointRounding.AwayFromZero), km));
                        }
                }
            }
            finally
            {
                scratch.Return();
            }
        }
        return collector.Result(search.Offset, search.HitsPerPage);
    }

    /// <summary>The filters of a search; <paramref name="km"/> is the distance when the search has a point.</summary>
    private sealed class Filter(ProductSearch search)
    {
        private readonly Guid? _category = search.CategoryId, _vendor = search.VendorId;
        private readonly double _min = (double?)search.EffectiveMinPrice ?? double.NegativeInfinity;
        private readonly double _max = (double?)search.EffectiveMaxPrice ?? double.PositiveInfinity;
        private readonly bool _inStock = search.InStockOnly, _verified = search.VerifiedOnly;
        private readonly GeoFilter? _geo = search.Geo;

        public bool Passes(in ProductFacts p, out double km)
        {
            km = 0;
            if (_category is { } category && p.CategoryId != category) return false;
            if (_vendor is { } vendor && p.VendorId != vendor) return false;
            if (p.Price < _min || p.Price > _max) return false;
            if (_inStock && !p.InStock) return false;
            if (_verified && !p.VendorVerified) return false;
            if (_geo is null) return true;
            if (!p.HasLocation) return false;
            km = Geo.DistanceKm(_geo.Latitude, _geo.Longitude, p.Latitude, p.Longitude);
            return km <= _geo.RadiusKm;
        }
    }

    /// <summary>
    /// Where a match sorts, as numbers compared in turn, smallest first, then the product id (as Postgres orders uuids), so
    /// pages never overlap. Made once per match, so keeping the page costs number comparisons only.
    /// </summary>
    private readonly record struct SortKey(double A, double B, double C, double D, UInt128 Id) : IComparable<SortKey>
    {
        public int CompareTo(SortKey other)
        {
            var c = A.CompareTo(other.A);
            if (c == 0) c = B.CompareTo(other.B);
            if (c == 0) c = C.CompareTo(other.C);
            if (c == 0) c = D.CompareTo(other.D);
            return c != 0 ? c : Id.CompareTo(other.Id);
        }
    }

    /// <summary>
    /// The sort orders. Relevance: the rank to two decimals (near-equal matches tie), then — with a point — nearest first,
    /// then rating, then popularity; without words, popularity. Price, rating and newest sort by that field, relevance
    /// breaking ties; newest breaks its own ties by the id, highest first.
    /// </summary>
    private delegate SortKey KeyOf(in ProductFacts p, SnapshotMatch m);

    private static KeyOf KeyFor(ProductSearch search, bool hasText)
    {
        var near = search.Geo is not null;
        return search.EffectiveSort switch
        {
            SearchSort.PriceAsc => (in p, m) => new(p.Price, -m.Rank, -p.Popularity, 0, p.Order),
            SearchSort.PriceDesc => (in p, m) => new(-p.Price, -m.Rank, -p.Popularity, 0, p.Order),
            SearchSort.Rating => (in p, m) => new(-p.Rating, -m.Rank, -p.Popularity, 0, p.Order),
            SearchSort.Newest => (in p, _) => new(-p.CreatedTicks, 0, 0, 0, UInt128.MaxValue - p.Order),
            _ when hasText => (in p, m) => new(-m.RoundedRank, near ? m.Km : 0, -p.Rating, -p.Popularity, p.Order),
            _ => (in p, m) => new(near ? m.Km : 0, -p.Popularity, -p.Rating, 0, p.Order),
        };
    }

    /// <summary>Counts every match into the total and facets, and keeps the best <c>keep</c> for the page.</summary>
    private sealed class Collector(IndexedProduct?[] slots, KeyOf key, int keep)
    {
        /// <summary>The best matches so far, the worst of them on top, to be pushed out by a better one.</summary>
        private readonly PriorityQueue<SnapshotMatch, SortKey> _kept = new(Comparer<SortKey>.Create((x, y) => y.CompareTo(x)));
        private readonly Dictionary<Guid, long> _categories = [];
        private readonly long[] _bands = new long[PriceBands.Bounds.Length + 1];

        public long Total { get; private set; }

        public void Add(in ProductFacts product, SnapshotMatch match)
        {
            Total++;
            CollectionsMarshal.GetValueRefOrAddDefault(_categories, product.CategoryId, out _)++;
            _bands[product.PriceBand]++;
            var sortKey = key(product, match);
            if (_kept.Count < keep) _kept.Enqueue(match, sortKey);
            else if (_kept.TryPeek(out _, out var worst) && sortKey.CompareTo(worst) < 0) _kept.DequeueEnqueue(match, sortKey);
        }

        public SnapshotResult Result(int offset, int count)
        {
            var kept = new List<(SnapshotMatch Match, SortKey Key)>(_kept.Count);
            while (_kept.TryDequeue(out var match, out var sortKey)) kept.Add((match, sortKey));
            kept.Sort((x, y) => x.Key.CompareTo(y.Key));
            var page = kept.Skip(offset).Take(count).Select(k => (slots[k.Match.Slot]!, k.Match)).ToList();
            var bands = Enumerable.Range(0, _bands.Length).Where(b => _bands[b] > 0).ToDictionary(b => b, b => _bands[b]);
            return new SnapshotResult(page, Total, _categories, bands);
        }
    }

    /// <summary>
    /// Per-thread working arrays, one entry per slot, for adding up the words' scores: a search runs on one thread without
    /// awaiting, so it can use its thread's arrays and clear only the entries it touched.
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic] private static Scratch? _mine;

        private float[] _best = [];
        public float[] Sum { get; private set; } = [];
        public int[] Mask { get; private set; } = [];
        /// <summary>Slots some word matched, each once.</summary>
        public List<int> Touched { get; } = [];
        private readonly List<int> _touchedByWord = [];

        public static Scratch Rent(int slots)
        {
            var scratch = _mine ?? new Scratch();
            _mine = null; // a nested use on the same thread gets its own
            if (scratch.Sum.Length < slots)
            {
                var size = Math.Max(slots, scratch.Sum.Length * 2);
                (scratch._best, scratch.Sum, scratch.Mask) = (new float[size], new float[size], new int[size]);
            }
            return scratch;
        }

        /// <summary>Adds word <paramref name="index"/>: each slot gets the best score among the word's lexemes.</summary>
        public void AddWord(SearchSnapshot snapshot, LexemeTerm word, int index)
        {
            foreach (var lexeme in word.Exact) Take(snapshot.PostingsOf(lexeme), 1);
            if (word.Prefix is { } prefix)
                foreach (var lexeme in snapshot.LexemesStartingWith(prefix)) Take(snapshot.PostingsOf(lexeme), 1);
            foreach (var lexeme in word.Corrected) Take(snapshot.PostingsOf(lexeme), LexemeTerm.CorrectedWeight);
            foreach (var slot in _touchedByWord)
            {
                if (Mask[slot] == 0) Touched.Add(slot);
                Mask[slot] |= 1 << index;
                Sum[slot] += _best[slot];
                _best[slot] = 0;
            }
            _touchedByWord.Clear();

            void Take(ReadOnlySpan<Posting> postings, float weight)
            {
                foreach (var posting in postings)
                {
                    var best = _best[posting.Slot];
                    if (best == 0) _touchedByWord.Add(posting.Slot);
                    if (posting.Score * weight > best) _best[posting.Slot] = posting.Score * weight;
                }
            }
        }

        public void Return()
        {
            foreach (var slot in Touched) (Sum[slot], Mask[slot]) = (0, 0);
            Touched.Clear();
            _mine = this;
        }
    }
}
