using Npgsql;

namespace Purl.Core.Counters;

/// <summary>
/// Orders fact writes (likes, comments, follows) against the flush that recounts them. A write holds its post's or
/// store's lock shared from before its row changes until it commits, and adds its log entry in between; a flush holds
/// the locks of what its batch touched exclusively while it reads what is pending and recounts. So at the recount every
/// committed row has its entry in the log, and no row is half-way: the flush can tell the rows whose entries are still
/// pending from the rest, and a read (stored plus pending) counts each like once. See <c>Counters/README.md</c>.
/// </summary>
/// <remarks>
/// Ids are hashed into 256 locks so that a flush touching thousands of posts takes a bounded number
/// (each advisory lock takes a slot in Postgres's shared lock table). Locks are taken in bucket order on both sides,
/// so writes and flushes never wait on each other in a cycle.
/// </remarks>
public static class FactLocks
{
    // 256 buckets (0-255). 1178682196 is "FACT" in ASCII: the key space of these locks.
    private const string Keys = """
        FROM (SELECT DISTINCT hashtext(id::text) & 255 AS bucket FROM unnest($1::uuid[]) AS id ORDER BY bucket) AS k
        """;

    /// <summary>Taken by a fact write, for the posts or stores whose counts it changes (parameter: uuid[]).</summary>
    public const string Share = $"SELECT pg_advisory_xact_lock_shared(1178682196, bucket) {Keys}";

    /// <summary>Taken by a flush, for the posts and stores its batch recounts (parameter: uuid[]).</summary>
    public const string Exclusive = $"SELECT pg_advisory_xact_lock(1178682196, bucket) {Keys}";

    /// <summary>Taken by a full recount: every fact write waits until it commits.</summary>
    public const string All = $"SELECT pg_advisory_xact_lock(1178682196, bucket) FROM generate_series(0, 255) AS bucket";

    /// <summary>The shared lock of <paramref name="ids"/>, as the first command of a write's batch.</summary>
    public static NpgsqlBatchCommand ShareCommand(params Guid[] ids) => new(Share) { Parameters = { new() { Value = ids } } };
}
