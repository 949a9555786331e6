using Npgsql;
using Purl.Core.Analytics;
using Purl.Core.Counters;
using Purl.Core.Data;

namespace Purl.Core.Social;

/// <summary>
/// Writes likes by group commit: a viral post's likes arriving together are inserted by one statement and one commit,
/// and counted by one call to <see cref="HotCounters"/> just before it, under the posts' <see cref="FactLocks"/> (the
/// stores' daily figures are counted after it). Each like is answered with the post as that statement saw it, whether
/// this like was new (a buyer liking twice in the same batch is new once) and the post's pending likes after the batch
/// (null when Redis could not take them: the caller recounts). Rows go in key order, so two batches never wait on each
/// other in a cycle.
/// </summary>
public sealed class PostLikes : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly HotCounters _counters;
    private readonly GroupCommit<Like, LikeWritten> _writes;

    public PostLikes(NpgsqlDataSource dataSource, HotCounters counters)
    {
        _dataSource = dataSource;
        _counters = counters;
        _writes = new(WriteBatchAsync);
    }

    /// <summary>
    /// The post (null when there is no such post), with <see cref="PostRow.Changed"/> 1 when the like was new; for a new
    /// like, the post's pending likes after its batch was counted.
    /// </summary>
    public sealed record LikeWritten(PostRow? Post, long? PendingLikes);

    public Task<LikeWritten> AddAsync(Guid postId, Guid userId, DateTimeOffset at, CancellationToken ct) => _writes.WriteAsync(new Like(postId, userId, at), ct);

    private async Task<IReadOnlyList<LikeWritten>> WriteBatchAsync(IReadOnlyList<Like> likes, CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var posts = await InsertAsync(connection, transaction, likes, ct);
        var counted = NewLikes(likes, posts, (like, _) => CounterKey.PostLikes(like.PostId));
        var pending = await _counters.TryAddAsync(counted, posts.FirstOrDefault(p => p is not null)?.CountedThrough, ct);
        await transaction.CommitAsync(ct);
        await _counters.TryAddAsync(NewLikes(likes, posts, (like, post) => CounterKey.VendorDayLikes(post.VendorId, NairobiTime.Day(like.At))),
            countedThrough: null, ct);

        var pendingByKey = pending is null ? null : counted.Select(d => d.Key).Zip(pending).ToDictionary();
        return likes.Select((like, i) => new LikeWritten(posts[i],
            posts[i] is { Changed: 1 } && pendingByKey is not null ? pendingByKey[CounterKey.PostLikes(like.PostId)] : null)).ToList();
    }

    /// <summary>The batch's new likes summed per counter.</summary>
    private static List<CounterDelta> NewLikes(IReadOnlyList<Like> likes, List<PostRow?> posts, Func<Like, PostRow, CounterKey> counter)
    {
        var deltas = new Dictionary<CounterKey, long>();
        for (var i = 0; i < likes.Count; i++)
        {
            if (posts[i] is not { Changed: 1 } post) continue;
            var key = counter(likes[i], post);
            deltas[key] = deltas.GetValueOrDefault(key) + 1;
        }
        return deltas.Select(d => new CounterDelta(d.Key, d.Value)).ToList();
    }

    private static async Task<List<PostRow?>> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Like> likes,
        CancellationToken ct)
    {
        var insert = new NpgsqlBatchCommand($$"""
            WITH input AS (SELECT * FROM unnest($1, $2, $3) WITH ORDINALITY AS i(post_id, user_id, at, n)),
                 post AS (SELECT id, vendor_id, like_count, is_active, expires_at FROM posts WHERE id IN (SELECT post_id FROM input)),
                 liked AS (
                     INSERT INTO post_likes (post_id, user_id, liked_at)
                     SELECT DISTINCT ON (i.post_id, i.user_id) i.post_id, i.user_id, i.at
                     FROM input AS i JOIN post AS p ON p.id = i.post_id
                     WHERE p.is_active AND (p.expires_at IS NULL OR p.expires_at > i.at)
                     ORDER BY i.post_id, i.user_id, i.n
                     ON CONFLICT (post_id, user_id) DO NOTHING
                     RETURNING post_id, user_id)
            SELECT p.vendor_id, p.like_count, p.is_active, p.expires_at,
                   (EXISTS (SELECT 1 FROM liked AS l WHERE l.post_id = i.post_id AND l.user_id = i.user_id)
                    AND i.n = (SELECT min(j.n) FROM input AS j WHERE j.post_id = i.post_id AND j.user_id = i.user_id))::int::int8,
                   {{HotCounters.CountedThroughColumn}}
            FROM input AS i LEFT JOIN post AS p ON p.id = i.post_id
            ORDER BY i.n
            """);
        insert.Parameters.Add(new() { Value = likes.Select(l => l.PostId).ToArray() });
        insert.Parameters.Add(new() { Value = likes.Select(l => l.UserId).ToArray() });
        insert.Parameters.Add(new() { Value = likes.Select(l => l.At).ToArray() });
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { FactLocks.ShareCommand(likes.Select(l => l.PostId).Distinct().ToArray()), insert },
        };
        var posts = new List<PostRow?>(likes.Count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
            posts.Add(reader.IsDBNull(0) ? null : PostRow.Read(reader));
        return posts;
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();

    private sealed record Like(Guid PostId, Guid UserId, DateTimeOffset At);
}
