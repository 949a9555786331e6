using Purl.Api.Client;
using Npgsql;
using Purl.Core.Analytics;
using Purl.Core.Counters;

namespace Purl.Core.Social;

public sealed record LikeState(bool Liked, long LikeCount);

public sealed record CommentCard(Guid Id, Guid PostId, Guid AuthorId, string AuthorName, string Body, DateTimeOffset CreatedAt);

/// <summary>
/// What buyers do to posts: like and unlike (a row per buyer and post, written before the answer; likes by group
/// commit, <see cref="PostLikes"/>), view, share and comment. Counts go through <see cref="HotCounters"/>, a fact's
/// (likes, comments) inside its write's transaction, just before the commit (<see cref="FactLocks"/>); when Redis
/// cannot take a fact's increment the count is recounted from the rows at once, and when it cannot take a view or
/// share the request is refused with 503.
/// </summary>
public sealed class PostEngagement(NpgsqlDataSource dataSource, PostLikes likes, HotCounters counters, FactCounts facts, TimeProvider time)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private static readonly Problem PostNotFound = new(ProblemKind.NotFound, "Post not found.");
    private static readonly Problem PostExpired = new(ProblemKind.Unprocessable, "The post has expired.", "Expired posts take no more likes, views, shares or comments.");

    public async Task<Outcome<LikeState>> LikeAsync(Guid postId, Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (post, pending) = await likes.AddAsync(postId, userId, now, ct);
        if (post is null || !post.IsActive) return PostNotFound;
        if (post.ExpiresAt <= now) return PostExpired;

        var key = CounterKey.PostLikes(postId);
        if (post.Changed == 0) return new LikeState(true, await StoredPlusPendingAsync(post, key, ct));
        return new LikeState(true, await CountAfterAsync(post, key, pending, ct));
    }

    public async Task<Outcome<LikeState>> UnlikeAsync(Guid postId, Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var key = CounterKey.PostLikes(postId);
        var (post, pending) = await WriteFactAsync(new CounterDelta(key, -1), $"""
            WITH post AS (SELECT id, vendor_id, like_count, is_active, expires_at FROM posts WHERE id = $1),
                 unliked AS (DELETE FROM post_likes WHERE post_id = $1 AND user_id = $2 RETURNING 1)
            SELECT vendor_id, like_count, is_active, expires_at, (SELECT count(*) FROM unliked), {HotCounters.CountedThroughColumn} FROM post
            """, [postId, userId], more: null, ct);
        if (post is null || !post.IsActive) return PostNotFound;

        if (post.Changed == 0) return new LikeState(false, await StoredPlusPendingAsync(post, key, ct));
        await counters.TryAddAsync([new(CounterKey.VendorDayLikes(post.VendorId, NairobiTime.Day(now)), -1)], countedThrough: null, ct);
        return new LikeState(false, await CountAfterAsync(post, key, pending, ct));
    }

    /// <summary>Counts a view (every one: a view counter, not unique viewers); returns the post's view count.</summary>
    public Task<Outcome<long>> ViewAsync(Guid postId, CancellationToken ct) =>
        CountPureAsync(postId, "view_count", CounterKey.PostViews(postId), vendorDay: vendor => CounterKey.VendorDayViews(vendor, NairobiTime.Day(time.GetUtcNow())), ct);

    public Task<Outcome<long>> ShareAsync(Guid postId, CancellationToken ct) =>
        CountPureAsync(postId, "share_count", CounterKey.PostShares(postId), vendorDay: null, ct);

    public async Task<Outcome<CommentCard>> CommentAsync(Guid postId, Guid userId, string? body, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body))
            return Problem.Invalid("body", "A comment needs some text.");
        if (body.Length > PostComment.BodyMaxLength)
            return Problem.Invalid("body", $"A comment is at most {PostComment.BodyMaxLength} characters.");

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var key = CounterKey.PostComments(postId);
        string? author = null;
        var (post, pending) = await WriteFactAsync(new CounterDelta(key, +1), $"""
            WITH post AS (SELECT id, vendor_id, comment_count, is_active, expires_at FROM posts WHERE id = $1),
                 written AS (
                     INSERT INTO post_comments (id, post_id, user_id, body, created_at)
                     SELECT $4, id, $2, $5, $3 FROM post WHERE is_active AND (expires_at IS NULL OR expires_at > $3)
                     RETURNING 1)
            SELECT vendor_id, comment_count, is_active, expires_at, (SELECT count(*) FROM written), {HotCounters.CountedThroughColumn},
                   (SELECT split_part(coalesce(u.user_name, u.email, ''), '@', 1) FROM users AS u WHERE u.id = $2)
            FROM post
            """, [postId, userId, now, id, body], more: r => author = r.IsDBNull(6) ? "" : r.GetString(6), ct);
        if (post is null || !post.IsActive) return PostNotFound;
        if (post.ExpiresAt <= now) return PostExpired;

        await CountAfterAsync(post, key, pending, ct);
        return new CommentCard(id, postId, userId, author ?? "", body, now);
    }

    public async Task<Outcome<Page<CommentCard>>> CommentsAsync(Guid postId, string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var take = PageLimit.Resolve(limit, errors);
        var after = KeysetCursor.Parse(cursor, errors, "t");
        if (errors.Any) return errors.ToProblem();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT is_active FROM posts WHERE id = $1", connection) { Parameters = { new() { Value = postId } } })
        {
            if (await exists.ExecuteScalarAsync(ct) is not true) return PostNotFound;
        }
        await using var command = new NpgsqlCommand("""
            SELECT c.id, c.user_id, split_part(coalesce(u.user_name, u.email, ''), '@', 1), c.body, c.created_at
            FROM post_comments AS c JOIN users AS u ON u.id = c.user_id
            WHERE c.post_id = $1 AND (c.created_at, c.id) < ($2, $3)
            ORDER BY c.created_at DESC, c.id DESC
            LIMIT $4
            """, connection);
        command.Parameters.Add(new() { Value = postId });
        command.Parameters.Add(new() { Value = after?.Time ?? DateTimeOffset.MaxValue });
        command.Parameters.Add(new() { Value = after?.Id ?? Guid.AllBitsSet });
        command.Parameters.Add(new() { Value = take + 1 });
        var comments = new List<CommentCard>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                comments.Add(new CommentCard(reader.GetGuid(0), postId, reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4)));
        }
        var more = comments.Count > take;
        if (more) comments.RemoveAt(take);
        return new Page<CommentCard>(comments, more ? KeysetCursor.ForTime(comments[^1].CreatedAt, comments[^1].Id).Encode() : null);
    }

    private async Task<Outcome<long>> CountPureAsync(Guid postId, string column, CounterKey key, Func<Guid, CounterKey>? vendorDay, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand($"SELECT vendor_id, {column}, is_active, expires_at, 0::bigint, {HotCounters.CountedThroughColumn} FROM posts WHERE id = $1");
        command.Parameters.Add(new() { Value = postId });
        var post = await ReadPostAsync(command, ct);
        if (post is null || !post.IsActive) return PostNotFound;
        if (post.ExpiresAt <= now) return PostExpired;

        CounterDelta[] deltas = vendorDay is null ? [new(key, 1)] : [new(key, 1), new(vendorDay(post.VendorId), 1)];
        var pending = await counters.TryAddAsync(deltas, post.CountedThrough, ct);
        if (pending is null)
            return Problem.Unavailable("Counting is unavailable for a moment; try again.", RetryAfter);
        return post.Stored + pending[0];
    }

    /// <summary>
    /// Runs a fact write (<paramref name="sql"/>: one row in <see cref="PostRow"/>'s columns, plus any read by
    /// <paramref name="more"/>) in a transaction under the post's <see cref="FactLocks"/>, and — when it changed a row —
    /// adds <paramref name="fact"/> to the counters before the commit. Returns the post (null: no such post) and its
    /// pending amount after the addition (null: unchanged, or Redis could not take it).
    /// </summary>
    private async Task<(PostRow? Post, long? Pending)> WriteFactAsync(CounterDelta fact, string sql, object[] parameters,
        Action<NpgsqlDataReader>? more, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var write = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters) write.Parameters.Add(new() { Value = value });
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { FactLocks.ShareCommand(fact.Key.Id), write } };
        PostRow? post;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            post = await ReadPostAsync(reader, ct, more);
        }
        var pending = post is { Changed: > 0 } ? (await counters.TryAddAsync([fact], post.CountedThrough, ct))?[0] : null;
        await transaction.CommitAsync(ct);
        return (post, pending);
    }

    /// <summary>A fact's count once its increment was offered to Redis: stored plus pending, or — not taken — recounted from the rows.</summary>
    private async Task<long> CountAfterAsync(PostRow post, CounterKey key, long? pending, CancellationToken ct) =>
        pending is { } p ? Math.Max(0, post.Stored + p) : await facts.RecountAsync(key, ct);

    private async Task<long> StoredPlusPendingAsync(PostRow post, CounterKey key, CancellationToken ct) =>
        Math.Max(0, post.Stored + (await counters.PendingAsync([key], post.CountedThrough, ct))[0]);

    private static async Task<PostRow?> ReadPostAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadPostAsync(reader, ct, more: null);
    }

    private static async Task<PostRow?> ReadPostAsync(NpgsqlDataReader reader, CancellationToken ct, Action<NpgsqlDataReader>? more)
    {
        if (!await reader.ReadAsync(ct)) return null;
        more?.Invoke(reader);
        return PostRow.Read(reader);
    }
}

/// <summary>
/// A post as a write saw it: its vendor, the stored count, whether buyers may still engage, how many rows the write
/// changed, and the watermark the count was stored as of.
/// </summary>
public sealed record PostRow(Guid VendorId, long Stored, bool IsActive, DateTimeOffset? ExpiresAt, long Changed, StreamId CountedThrough)
{
    /// <summary>
    /// From columns vendor_id, the stored count, is_active, expires_at, the changed row count and
    /// <see cref="HotCounters.CountedThroughColumn"/>, in that order.
    /// </summary>
    public static PostRow Read(NpgsqlDataReader reader) => new(reader.GetGuid(0), reader.GetInt64(1), reader.GetBoolean(2),
        reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(4), HotCounters.CountedThrough(reader, 5));
}
