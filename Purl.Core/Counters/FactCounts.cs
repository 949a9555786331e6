using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Purl.Core.Counters;

/// <summary>
/// Likes, comments and followers are rows (facts); their counts on posts and vendors are derived from the rows. The
/// aggregator recounts what each batch touched; this recounts everything (at worker start, after Redis restarted, and
/// hourly) so that a count whose increment Redis lost (its last second before a crash) heals too.
/// </summary>
public sealed class FactCounts(NpgsqlDataSource dataSource, CounterLog log, IOptions<CountersOptions> options)
{
    /// <summary>
    /// Sets every fact count that differs from its rows less what is pending for it; returns how many rows changed. It
    /// goes through posts and stores in id order, <see cref="CountersOptions.ReconcileChunk"/> at a time, each chunk in
    /// a transaction of its own during which fact writes wait (<see cref="FactLocks.All"/>), so that every committed row
    /// has its entry in the log; between chunks they go on.
    /// </summary>
    public async Task<int> ReconcileAllAsync(CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var owner in Owners)
        {
            Guid? after = null;
            while (await ReconcileChunkAsync(owner, after, cancellationToken) is ({ } last, var chunkChanged))
            {
                changed += chunkChanged;
                after = last;
            }
        }
        return changed;
    }

    private sealed record Owner(string Table, params CounterKind[] Counts);

    private static readonly Owner[] Owners =
    [
        new("posts", CounterKind.PostLikes, CounterKind.PostComments),
        new("vendors", CounterKind.VendorFollowers),
    ];

    // Recounts the next chunk of owners after `after`; returns the chunk's last id (null: the table is done) and how many
    // counts changed.
    private async Task<(Guid? Last, int Changed)> ReconcileChunkAsync(Owner owner, Guid? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var take = new NpgsqlBatch(connection, transaction) { BatchCommands = { new(CounterFlusher.LockStatement), new(FactLocks.All) } })
            await take.ExecuteNonQueryAsync(cancellationToken);
        var ids = new List<Guid>();
        await using (var chunk = new NpgsqlCommand($"SELECT id FROM {owner.Table} WHERE $1 IS NULL OR id > $1 ORDER BY id LIMIT $2", connection, transaction)
        {
            Parameters =
            {
                new() { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
                new() { Value = options.Value.ReconcileChunk },
            },
        })
        await using (var reader = await chunk.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetGuid(0));
        if (ids.Count == 0) return (null, 0);

        StreamId watermark;
        await using (var read = new NpgsqlCommand(CounterFlusher.WatermarkQuery, connection, transaction))
            watermark = await CounterFlusher.ReadWatermarkAsync(read, cancellationToken);
        var pending = await log.FactsPendingAfterAsync(watermark, cancellationToken);
        var pendingAfter = owner.Counts.SelectMany(kind => ids.Select(id => new CounterKey(kind, id)))
            .ToDictionary(key => key, key => pending.GetValueOrDefault(key));

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var kind in owner.Counts)
            CounterFlusher.AddRecount(batch, kind, pendingAfter);
        var changed = await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (ids[^1], changed);
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
