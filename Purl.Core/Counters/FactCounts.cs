using Npgsql;

namespace Purl.Core.Counters;

/// <summary>
/// Likes, comments and followers are rows (facts); their counts on posts and vendors are derived from the rows. The
/// aggregator recounts what each batch touched; this recounts everything (at worker start, after Redis restarted, and
/// hourly) so that an increment lost before it reached Redis (a crash between the commit and the script) heals too.
/// </summary>
public sealed class FactCounts(NpgsqlDataSource dataSource)
{
    /// <summary>Sets every fact count that differs from its rows; returns how many rows changed.</summary>
    public async Task<int> ReconcileAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new(CounterFlusher.LockStatement),
                new("""
                    UPDATE posts AS p SET like_count = coalesce(c.n, 0)
                    FROM posts AS q LEFT JOIN (SELECT post_id, count(*) AS n FROM post_likes GROUP BY post_id) AS c ON c.post_id = q.id
                    WHERE p.id = q.id AND p.like_count <> coalesce(c.n, 0)
                    """),
                new("""
                    UPDATE posts AS p SET comment_count = coalesce(c.n, 0)
                    FROM posts AS q LEFT JOIN (SELECT post_id, count(*) AS n FROM post_comments GROUP BY post_id) AS c ON c.post_id = q.id
                    WHERE p.id = q.id AND p.comment_count <> coalesce(c.n, 0)
                    """),
                new("""
                    UPDATE vendors AS v SET follower_count = coalesce(c.n, 0)
                    FROM vendors AS w LEFT JOIN (SELECT vendor_id, count(*) AS n FROM follows GROUP BY vendor_id) AS c ON c.vendor_id = w.id
                    WHERE v.id = w.id AND v.follower_count <> coalesce(c.n, 0)
                    """),
            },
        };
        var changed = await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
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
