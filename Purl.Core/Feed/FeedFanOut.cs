using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Purl.Core.Counters;
using Purl.Core.Messaging;

namespace Purl.Core.Feed;

/// <summary>
/// Fan-out on write: puts a newly published post into every follower's feed, <c>Feed:FanOutBatchSize</c> followers per
/// transaction, each batch one <c>INSERT … SELECT</c> over the next followers in user id order (a keyset over
/// <c>follows(vendor_id, user_id)</c>) with <c>ON CONFLICT DO NOTHING</c>. Each batch also records its progress, so a
/// worker that dies mid-way resumes where the last commit left off, and the (user, post) key makes whatever it redoes
/// write nothing twice: every follower ends with exactly one item. Posts of stores above
/// <c>Feed:FanOutFollowerThreshold</c> are not fanned out (<see cref="Social.Post.MergedAtRead"/>).
/// </summary>
[HandlesOwnTransactions]
public sealed class FeedFanOut(NpgsqlDataSource dataSource, IOptions<FeedOptions> options, TimeProvider time, SocialTelemetry telemetry,
    ILogger<FeedFanOut> logger)
    : IConsumer<PostPublished>
{
    public Task HandleAsync(PostPublished message, ConsumeContext context, CancellationToken cancellationToken) =>
        DeliverAsync(message.PostId, cancellationToken);

    /// <summary>Fans the post out (or finishes doing so); returns how many feed items this call wrote.</summary>
    public async Task<long> DeliverAsync(Guid postId, CancellationToken cancellationToken)
    {
        var post = await ReadPostAsync(postId, cancellationToken);
        if (post is null || !post.IsActive || post.MergedAtRead) return 0;

        var after = await StartAsync(postId, cancellationToken);
        if (after is null) return 0; // finished before (a redelivery)

        var batchSize = options.Value.FanOutBatchSize;
        long written = 0;
        while (true)
        {
            var (last, followers, inserted) = await WriteBatchAsync(post, after.Value, batchSize, cancellationToken);
            written += inserted;
            telemetry.FannedOut(inserted);
            if (followers < batchSize || last is null) break;
            after = last;
            if (options.Value.PauseAfterFanOutBatch > TimeSpan.Zero)
                await Task.Delay(options.Value.PauseAfterFanOutBatch, cancellationToken);
        }
        await using (var finish = dataSource.CreateCommand("UPDATE feed_fan_outs SET finished_at = $2 WHERE post_id = $1"))
        {
            finish.Parameters.Add(new() { Value = postId });
            finish.Parameters.Add(new() { Value = time.GetUtcNow() });
            await finish.ExecuteNonQueryAsync(cancellationToken);
        }
        logger.LogInformation("Post {PostId} fanned out: {Written} feed items written", postId, written);
        return written;
    }

    private sealed record PostToDeliver(Guid Id, Guid VendorId, double Score, DateTimeOffset? ExpiresAt, bool IsActive, bool MergedAtRead);

    private async Task<PostToDeliver?> ReadPostAsync(Guid postId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT vendor_id, created_at, is_premium, like_count, comment_count, share_count, expires_at, is_active, merged_at_read
            FROM posts WHERE id = $1
            """);
        command.Parameters.Add(new() { Value = postId });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken)) return null;
        var score = FeedScore.Compute(r.GetFieldValue<DateTimeOffset>(1), r.GetBoolean(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5));
        return new PostToDeliver(postId, r.GetGuid(0), score, r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.GetBoolean(7), r.GetBoolean(8));
    }

    /// <summary>Where to start: after the last follower a previous run delivered to, or from the first. Null when done.</summary>
    private async Task<Guid?> StartAsync(Guid postId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH started AS (
                INSERT INTO feed_fan_outs (post_id, delivered, batches, started_at) VALUES ($1, 0, 0, $2)
                ON CONFLICT (post_id) DO NOTHING
                RETURNING last_user_id, finished_at)
            SELECT last_user_id, finished_at FROM started
            UNION ALL
            SELECT last_user_id, finished_at FROM feed_fan_outs WHERE post_id = $1
            """);
        command.Parameters.Add(new() { Value = postId });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        if (!r.IsDBNull(1)) return null;
        return r.IsDBNull(0) ? Guid.Empty : r.GetGuid(0);
    }

    private async Task<(Guid? Last, long Followers, long Inserted)> WriteBatchAsync(PostToDeliver post, Guid after, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand(FeedLocks.FanOut, connection, transaction) { Parameters = { new() { Value = post.VendorId } } })
            await take.ExecuteNonQueryAsync(cancellationToken);

        await using var command = new NpgsqlCommand("""
            WITH batch AS (
                SELECT user_id FROM follows WHERE vendor_id = $2 AND user_id > $3 ORDER BY user_id LIMIT $4),
            written AS (
                INSERT INTO feed_items (user_id, post_id, vendor_id, score, source, created_at, expires_at)
                SELECT user_id, $1, $2, $5, 'following', $6, $7 FROM batch
                ON CONFLICT (user_id, post_id) DO NOTHING
                RETURNING 1),
            last AS (SELECT user_id FROM batch ORDER BY user_id DESC LIMIT 1),
            progress AS (
                UPDATE feed_fan_outs
                SET last_user_id = coalesce((SELECT user_id FROM last), last_user_id),
                    delivered = delivered + (SELECT count(*) FROM written), batches = batches + 1
                WHERE post_id = $1)
            SELECT (SELECT user_id FROM last), (SELECT count(*) FROM batch), (SELECT count(*) FROM written)
            """, connection, transaction);
        command.Parameters.Add(new() { Value = post.Id });
        command.Parameters.Add(new() { Value = post.VendorId });
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = batchSize });
        command.Parameters.Add(new() { Value = post.Score });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        command.Parameters.Add(new() { Value = (object?)post.ExpiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        (Guid?, long, long) result;
        await using (var r = await command.ExecuteReaderAsync(cancellationToken))
        {
            await r.ReadAsync(cancellationToken);
            result = (r.IsDBNull(0) ? null : r.GetGuid(0), r.GetInt64(1), r.GetInt64(2));
        }
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
