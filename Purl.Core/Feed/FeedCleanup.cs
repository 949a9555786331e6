using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Purl.Core.Counters;

namespace Purl.Core.Feed;

/// <summary>
/// The hourly job (<c>Feed:CleanupInterval</c>): removes the feed items of expired posts, removes deleted posts (their
/// feed items first, then the post with its likes and comments), and prunes old <c>counter_flushes</c> rows. Every
/// statement deletes at most <c>Feed:CleanupBatchSize</c> rows, so it never holds long locks on a busy table. Reads
/// already skip expired and deleted posts; this only gives the space back.
/// </summary>
public sealed class FeedCleanup(NpgsqlDataSource dataSource, IOptions<FeedOptions> options, IOptions<CountersOptions> counters,
    TimeProvider time, ILogger<FeedCleanup> logger) : PeriodicJob(logger)
{
    protected override TimeProvider Clock => time;

    public sealed record Report(long ExpiredItems, long DeletedPosts, long DeletedPostItems, long PrunedFlushes);

    protected override TimeSpan Interval => options.Value.CleanupInterval;

    protected override string Doing => "Cleaning up feed items";

    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        var report = await RunOnceAsync(ct);
        if (report.ExpiredItems + report.DeletedPosts > 0)
            logger.LogInformation("Feed clean-up: {Expired} feed items of expired posts, {Posts} deleted posts ({Items} of their items) removed",
                report.ExpiredItems, report.DeletedPosts, report.DeletedPostItems);
    }

    public async Task<Report> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();

        // Expired posts that still have feed items (the post stays: its store still lists it).
        long expiredItems = 0;
        foreach (var postId in await PostsAsync("""
            SELECT p.id FROM posts AS p
            WHERE p.expires_at < $1 AND EXISTS (SELECT 1 FROM feed_items AS fi WHERE fi.post_id = p.id)
            """, now, ct))
            expiredItems += await DeleteItemsAsync(postId, ct);

        long deletedPosts = 0, deletedPostItems = 0;
        foreach (var postId in await PostsAsync("SELECT id FROM posts WHERE NOT is_active AND $1 = $1", now, ct))
        {
            deletedPostItems += await DeleteItemsAsync(postId, ct);
            await using var delete = dataSource.CreateCommand("DELETE FROM posts WHERE id = $1 AND NOT is_active");
            delete.Parameters.Add(new() { Value = postId });
            deletedPosts += await delete.ExecuteNonQueryAsync(ct);
        }

        await using var prune = dataSource.CreateCommand("""
            DELETE FROM counter_flushes
            WHERE flushed_at < $1 AND id < (SELECT max(id) FROM counter_flushes)
            """);
        prune.Parameters.Add(new() { Value = now - counters.Value.FlushRetention });
        var pruned = await prune.ExecuteNonQueryAsync(ct);
        return new Report(expiredItems, deletedPosts, deletedPostItems, pruned);
    }

    private async Task<List<Guid>> PostsAsync(string sql, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = now });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>All of one post's feed items, a batch per statement.</summary>
    private async Task<long> DeleteItemsAsync(Guid postId, CancellationToken ct)
    {
        var batch = options.Value.CleanupBatchSize;
        long total = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand("""
                DELETE FROM feed_items WHERE (user_id, post_id) IN (SELECT user_id, post_id FROM feed_items WHERE post_id = $1 LIMIT $2)
                """);
            command.Parameters.Add(new() { Value = postId });
            command.Parameters.Add(new() { Value = batch });
            var removed = await command.ExecuteNonQueryAsync(ct);
            total += removed;
            if (removed < batch) return total;
        }
    }
}
