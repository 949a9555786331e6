namespace Purl.Core.Search;

/// <summary>Settings under <c>Search:</c>. The engine is chosen by <c>ConnectionStrings:elasticsearch</c>, not here.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>How long a popular search stays cached.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A search is cached once it has been asked this many times within <see cref="CacheDuration"/>.</summary>
    public int CacheAfter { get; set; } = 2;

    /// <summary>Products per batch when the whole index is rebuilt.</summary>
    public int RebuildBatchSize { get; set; } = 2_000;

    /// <summary>How often the workers refresh counters and the vocabulary in the index (<see cref="ISearchIndex.MaintainAsync"/>).</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Postgres engine: a search waits for the in-memory snapshot to read at most this many changed products first; beyond
    /// that, unless a product was removed, it answers from the snapshot it has while the changes are read in the background.
    /// </summary>
    public int SnapshotCatchUpLimit { get; set; } = 1_000;

    /// <summary>Names of the Elasticsearch indexes: <c>{prefix}-products</c> and <c>{prefix}-vendors</c>.</summary>
    public string ElasticsearchIndexPrefix { get; set; } = "purl";
}
