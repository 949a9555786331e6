namespace Purl.Core.Counters;

/// <summary>Settings under <c>Counters:</c>.</summary>
public sealed class CountersOptions
{
    public const string Section = "Counters";

    /// <summary>How often the aggregator folds pending increments into Postgres.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Log entries per Postgres transaction; a fuller log is folded in several back to back.</summary>
    public int BatchSize { get; set; } = 10_000;

    /// <summary>How often fact counts (likes, comments, followers) are recomputed from their rows in full.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Posts (or stores) recounted in one transaction by that full recount; fact writes to any post wait while one runs,
    /// so it is kept short.
    /// </summary>
    public int ReconcileChunk { get; set; } = 1_000;

    /// <summary>How long applied batches stay in <c>counter_flushes</c> (the newest always stays: it is the watermark).</summary>
    public TimeSpan FlushRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Test hook (zero, off): wait after reading a batch from the log, before the Postgres transaction.</summary>
    public TimeSpan PauseAfterRead { get; set; }

    /// <summary>Test hook (zero, off): wait inside the Postgres transaction, before its commit.</summary>
    public TimeSpan PauseBeforeCommit { get; set; }

    /// <summary>Test hook (zero, off): wait after the commit, before Redis is told, so a crash test can kill the worker there.</summary>
    public TimeSpan PauseAfterCommit { get; set; }
}
