using Npgsql;
using Purl.Core.Data;

namespace Purl.Core.Social;

/// <summary>
/// Writes likes by group commit: a viral post's likes arriving together are inserted by one statement and one commit.
/// Each like is answered with the post as that statement saw it and whether this like was new; a buyer liking twice
/// in the same batch is new once. Rows go in key order, so two batches never wait on each other in a cycle.
/// </summary>
public sealed class PostLikes : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<Like, PostRow?> _writes;

    public PostLikes(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _writes = new(WriteBatchAsync);
    }

    /// <returns>The post, with <see cref="PostRow.Changed"/> 1 when the like was new; null when there is no such post.</returns>
    public Task<PostRow?> AddAsync(Guid postId, Guid userId, DateTimeOffset at, CancellationToken ct) => _writes.WriteAsync(new Like(postId, userId, at), ct);

    private async Task<IReadOnlyList<PostRow?>> WriteBatchAsync(IReadOnlyList<Like> likes, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand("""
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
                    AND i.n = (SELECT min(j.n) FROM input AS j WHERE j.post_id = i.post_id AND j.user_id = i.user_id))::int::int8
            FROM input AS i LEFT JOIN post AS p ON p.id = i.post_id
            ORDER BY i.n
            """);
        command.Parameters.Add(new() { Value = likes.Select(l => l.PostId).ToArray() });
        command.Parameters.Add(new() { Value = likes.Select(l => l.UserId).ToArray() });
        command.Parameters.Add(new() { Value = likes.Select(l => l.At).ToArray() });
        var posts = new List<PostRow?>(likes.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            posts.Add(reader.IsDBNull(0) ? null : PostRow.Read(reader));
        return posts;
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();

    private sealed record Like(Guid PostId, Guid UserId, DateTimeOffset At);
}
