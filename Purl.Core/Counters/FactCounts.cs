using Npgsql;

namespace Purl.Core.Counters;

/// <summary>
/// Likes, comments and followers are rows (facts); their counts on posts and vendors are derived from the rows. The
/// aggregator recounts what each batch touched; this recounts everything (at worker start, after Redis restarted, and
/// hourly) so that a count whose increment Redis lost (its last second before a crash) heals too.
/// </summary>
public sealed class FactCounts(NpgsqlDataSource dataSource, CounterLog log)
{
    /// <summary>
    /// Sets every fact count that differs from its rows less what is pending for it; returns how many rows changed. Fact
    /// writes wait while it runs (<see cref="FactLocks.All"/>), so every committed row has its entry in the log.
    /// </summary>
    public async Task<int> ReconcileAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var take = new NpgsqlBatch(connection, transaction) { BatchCommands = { new(CounterFlusher.LockStatement), new(FactLocks.All) } })
            await take.ExecuteNonQueryAsync(cancellationToken);
        StreamId watermark;
        await using (var read = new NpgsqlCommand(CounterFlusher.WatermarkQuery, connection, transaction))
            watermark = await CounterFlusher.ReadWatermarkAsync(read, cancellationToken);
        var pending = await log.FactsPendingAfterAsync(watermark, cancellationToken);

        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Recount("posts", "like_count", "post_likes", "post_id", pending, CounterKind.PostLikes),
                Recount("posts", "comment_count", "post_comments", "post_id", pending, CounterKind.PostComments),
                Recount("vendors", "follower_count", "follows", "vendor_id", pending, CounterKind.VendorFollowers),
            },
        };
        var changed = await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static NpgsqlBatchCommand Recount(string table, string column, string rows, string owner, Dictionary<CounterKey, long> pending, CounterKind kind)
    {
        var later = pending.Where(p => p.Key.Kind == kind).ToArray();
        return CounterFlusher.Command($"""
            UPDATE {table} AS t SET {column} = greatest(0, coalesce(c.n, 0) - coalesce(d.later, 0))
            FROM {table} AS q
            LEFT JOIN (SELECT {owner}, count(*) AS n FROM {rows} GROUP BY {owner}) AS c ON c.{owner} = q.id
            LEFT JOIN unnest($1::uuid[], $2::bigint[]) AS d(id, later) ON d.id = q.id
            WHERE t.id = q.id AND t.{column} <> greatest(0, coalesce(c.n, 0) - coalesce(d.later, 0))
            """, later.Select(p => p.Key.Id).ToArray(), later.Select(p => p.Value).ToArray());
    }

    /// <summary>
    /// Recounts one fact count now and returns it: what the API does when Redis cannot take the increment, so the
    /// count a buyer sees is still right.
    /// </summary>
    public async Task<long> RecountAsync(CounterKey key, CancellationToken cancellationToken)
    {
        var sql = key.Kind switch
        {
            CounterKind.PostLikes => "UPDATE posts SET like_count = (SELECT count(*) FROM post_likes WHERE post_id = $1) WHERE id = $1 RETURNING like_count",
            CounterKind.PostComments => "UPDATE posts SET comment_count = (SELECT count(*) FROM post_comments WHERE post_id = $1) WHERE id = $1 RETURNING comment_count",
            CounterKind.VendorFollowers => "UPDATE vendors SET follower_count = (SELECT count(*) FROM follows WHERE vendor_id = $1) WHERE id = $1 RETURNING follower_count",
            _ => throw new ArgumentException($"{key.Kind} is not a fact count.", nameof(key)),
        };
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = key.Id });
        return await command.ExecuteScalarAsync(cancellationToken) is long count ? count : 0;
    }
}
