using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Purl.Core.Counters;

namespace Purl.Core.Feed;

/// <summary>
/// The hourly job (<c>Feed:CleanupInterval</c>): removes feed items of expired posts, removes deleted posts (their feed
/// items first, then the post with its likes and comments), and prunes old <c>counter_flushes</c> rows. Every statement
/// touches at most <c>Feed:CleanupBatchSize</c> rows, so it never holds long locks on a busy table.
/// </summary>
public sealed class FeedCleanup(NpgsqlDataSource dataSource, IOptions<FeedOptions> options, IOptions<CountersOptions> counters,
    TimeProvider time, ILogger<FeedCleanup> logger) : BackgroundService
{
    public sealed record Report(long ExpiredItems, long DeletedPosts, long DeletedPostItems, long PrunedFlushes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var report = await RunOnceAsync(stoppingToken);
                if (report.ExpiredItems + report.DeletedPosts > 0)
                    logger.LogInformation("Feed clean-up: {Expired} expired feed items, {Posts} deleted posts ({Items} of their items) removed",
                        report.ExpiredItems, report.DeletedPosts, report.DeletedPostItems);
            }
            catch (NpgsqlException e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Feed clean-up failed; next try in {Interval}", options.Value.CleanupInterval);
            }
            try
            {
                await Task.Delay(options.Value.CleanupInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<Report> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var batch = options.Value.CleanupBatchSize;

        // Items are found by their own expiry, then checked against the post's: a post whose expiry was moved later
        // keeps its items (and they get the new expiry); a deleted or expired one loses them.
        long expired = 0;
        while (true)
        {
            var (seen, removed) = await TwoCountsAsync("""
                WITH candidates AS (
                    SELECT fi.user_id, fi.post_id, p.id IS NOT NULL AND p.is_active AND (p.expires_at IS NULL OR p.expires_at > $1) AS live,
                           p.expires_at AS post_expires_at
                    FROM feed_items AS fi LEFT JOIN posts AS p ON p.id = fi.post_id
                    WHERE fi.expires_at < $1
                    LIMIT $2),
                removed AS (
                    DELETE FROM feed_items AS fi USING candidates AS c
                    WHERE fi.user_id = c.user_id AND fi.post_id = c.post_id AND NOT c.live
                    RETURNING 1),
                kept AS (
                    UPDATE feed_items AS fi SET expires_at = c.post_expires_at FROM candidates AS c
                    WHERE fi.user_id = c.user_id AND fi.post_id = c.post_id AND c.live)
                SELECT (SELECT count(*) FROM candidates), (SELECT count(*) FROM removed)
                """, ct, now, batch);
            expired += removed;
            if (seen < batch) break;
        }

        long posts = 0, postItems = 0;
        while (true)
        {
            Guid[] deleted;
            await using (var find = dataSource.CreateCommand("SELECT id FROM posts WHERE NOT is_active LIMIT 100"))
            {
                var ids = new List<Guid>();
                await using var r = await find.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) ids.Add(r.GetGuid(0));
                deleted = [.. ids];
            }
            if (deleted.Length == 0) break;
            foreach (var postId in deleted)
            {
                while (true)
                {
                    var (_, removed) = await TwoCountsAsync("""
                        WITH removed AS (
                            DELETE FROM feed_items WHERE (user_id, post_id) IN (SELECT user_id, post_id FROM feed_items WHERE post_id = $1 LIMIT $2)
                            RETURNING 1)
                        SELECT 0::bigint, (SELECT count(*) FROM removed)
                        """, ct, postId, batch);
                    postItems += removed;
                    if (removed < batch) break;
                }
                await using var delete = dataSource.CreateCommand("DELETE FROM posts WHERE id = $1 AND NOT is_active");
                delete.Parameters.Add(new() { Value = postId });
                posts += await delete.ExecuteNonQueryAsync(ct);
            }
        }

        await using var prune = dataSource.CreateCommand("""
            DELETE FROM counter_flushes
            WHERE flushed_at < $1 AND id < (SELECT max(id) FROM counter_flushes)
            """);
        prune.Parameters.Add(new() { Value = now - counters.Value.FlushRetention });
        var pruned = await prune.ExecuteNonQueryAsync(ct);
        return new Report(expired, posts, postItems, pruned);
    }

    private async Task<(long, long)> TwoCountsAsync(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var r = await command.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.GetInt64(1));
    }
}
