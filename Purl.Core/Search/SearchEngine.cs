namespace Purl.Core.Search;

/// <summary>Answers searches. Purl has two: Postgres itself (the default) and Elasticsearch 8; both answer alike.</summary>
public interface ISearchEngine
{
    /// <summary><c>postgres</c> or <c>elasticsearch</c>.</summary>
    string Name { get; }

    /// <param name="search">Validated, with <see cref="ProductSearch.CategoryId"/> resolved.</param>
    Task<ProductSearchResult> SearchAsync(ProductSearch search, CancellationToken cancellationToken);

    /// <summary>Up to 5 products and 3 stores whose names start like <paramref name="text"/> (or nearly: one typo).</summary>
    Task<Suggestions> SuggestAsync(QueryText text, CancellationToken cancellationToken);
}

/// <summary>
/// Keeps an engine's index in step with the catalogue: a product is in it while it is active and published and its store
/// is active. Every method reads the current rows, so calling one twice, late or out of order leaves the index right.
/// </summary>
public interface ISearchIndex
{
    Task<IndexSync> SyncProductsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);

    /// <summary>The store's own entry (for suggestions) and every one of its products (name, verification and visibility travel with them).</summary>
    Task<IndexSync> SyncVendorAsync(Guid vendorId, CancellationToken cancellationToken);

    /// <summary>Indexes every visible product in batches, then drops what is no longer visible.</summary>
    Task<RebuildReport> RebuildAsync(int batchSize, CancellationToken cancellationToken);

    /// <summary>True when the index has no products while the catalogue has visible ones (a fresh database, or demo data loaded by COPY).</summary>
    Task<bool> NeedsRebuildAsync(CancellationToken cancellationToken);

    /// <summary>Periodic upkeep: counters that change without an event (views, ratings) and the vocabulary typo tolerance uses.</summary>
    Task MaintainAsync(CancellationToken cancellationToken);
}

/// <param name="Upserted">Products written to the index.</param>
/// <param name="Removed">Products taken out of it (no longer visible).</param>
public sealed record IndexSync(int Upserted, int Removed)
{
    public static readonly IndexSync None = new(0, 0);
}

public sealed record RebuildReport(int Products, int Removed, int Vendors, int Batches, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"search index rebuilt: {Products:N0} products in {Batches} batches, {Removed:N0} removed, {Vendors:N0} stores, {Elapsed.TotalSeconds:N1} s";
}

public sealed record ProductSearchResult(
    IReadOnlyList<ProductHit> Hits,
    long TotalHits,
    IReadOnlyList<CategoryCount> Categories,
    IReadOnlyList<PriceBandCount> PriceBands,
    TimeSpan Took);

/// <param name="Highlighted">The name as safe HTML with the matched words in <c>&lt;em&gt;</c>.</param>
/// <param name="DistanceKm">From the searched point, when the search had one.</param>
public sealed record ProductHit(
    Guid Id, string Name, string Highlighted, decimal Price, string Currency, string? Image,
    Guid VendorId, string VendorName, bool VendorVerified, double Rating, bool InStock, double? DistanceKm);

public sealed record CategoryCount(Guid Id, string Slug, string Name, long Count);

/// <param name="Min">Inclusive; null for the first band.</param>
/// <param name="Max">Exclusive; null for the last band.</param>
public sealed record PriceBandCount(decimal? Min, decimal? Max, long Count);

public sealed record Suggestions(IReadOnlyList<SuggestedProduct> Products, IReadOnlyList<SuggestedVendor> Vendors)
{
    public const int MaxProducts = 5;
    public const int MaxVendors = 3;
    /// <summary>Suggestions start from this many characters.</summary>
    public const int MinLength = 2;
    public const int MaxLength = 100;

    public static readonly Suggestions None = new([], []);
}

public sealed record SuggestedProduct(Guid Id, string Name, string Highlighted);

public sealed record SuggestedVendor(Guid Id, string Name, string? LogoUrl);

/// <summary>The price bands of the facets, in KES: under 500, 500–1,000, …, 25,000 and more.</summary>
public static class PriceBands
{
    public static readonly decimal[] Bounds = [500m, 1_000m, 2_500m, 5_000m, 10_000m, 25_000m];

    /// <summary>Band <paramref name="index"/> (0 = below the first bound) with its count.</summary>
    public static PriceBandCount Band(int index, long count) =>
        new(index == 0 ? null : Bounds[index - 1], index == Bounds.Length ? null : Bounds[index], count);

    /// <summary>The band a price falls in, as Postgres's width_bucket over <see cref="Bounds"/>: 0 below the first bound, each lower bound inclusive.</summary>
    public static int IndexOf(decimal price) => Bounds.Count(bound => price >= bound);

    /// <summary>Every band in order, with the counts given (zero for the others).</summary>
    public static IReadOnlyList<PriceBandCount> All(IReadOnlyDictionary<int, long> counts) =>
        Enumerable.Range(0, Bounds.Length + 1).Select(i => Band(i, counts.GetValueOrDefault(i))).ToList();
}
