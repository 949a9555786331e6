using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Purl.Core.Counters;

/// <summary>
/// Folds the counter log into Postgres, one batch at a time:
/// <list type="number">
/// <item>read the watermark (the last log id Postgres holds) and settle anything up to it that Redis still has pending —
/// what a worker that died after its commit left behind;</item>
/// <item>read the log after the watermark;</item>
/// <item>in one Postgres transaction, under an advisory lock and only if the watermark has not moved: add the pure
/// counters' deltas (views, shares, story views, daily figures), recompute fact counts (likes, comments, followers) from
/// their rows less what is still pending after the batch (under <see cref="FactLocks"/>), and record the batch's last id
/// in <c>counter_flushes</c>;</item>
/// <item>settle the batch in Redis.</item>
/// </list>
/// A crash before the commit changes nothing; a crash after it is settled by step 1 next time; a batch is never applied
/// twice because its entries are at or below the watermark. See <c>Counters/README.md</c>.
/// </summary>
public sealed class CounterFlusher(NpgsqlDataSource dataSource, CounterLog log, IOptions<CountersOptions> options, TimeProvider time,
    SocialTelemetry telemetry, ILogger<CounterFlusher> logger)
{
    /// <summary>Held (transaction-scoped) by whoever writes counts: one flush or reconciliation at a time.</summary>
    internal const string LockStatement = "SELECT pg_advisory_xact_lock(1129270867, 1)";

    /// <summary>Folds one batch; returns how many log entries it applied (0: nothing pending, or another aggregator did it).</summary>
    public async Task<int> FlushOnceAsync(CancellationToken cancellationToken)
    {
        var watermark = await ReadWatermarkAsync(cancellationToken);
        await log.SettleAsync(watermark, cancellationToken);

        var entries = await log.ReadAsync(watermark, options.Value.BatchSize, cancellationToken);
        if (entries.Count == 0) return 0;
        var started = time.GetTimestamp();
        var batch = CounterBatch.From(entries);
        if (batch.Unknown > 0)
            logger.LogWarning("{Unknown} counter log fields name no known counter; skipped", batch.Unknown);
        if (options.Value.PauseAfterRead > TimeSpan.Zero)
            await Task.Delay(options.Value.PauseAfterRead, cancellationToken);

        if (!await ApplyAsync(watermark, batch, cancellationToken)) return 0;
        if (options.Value.PauseAfterCommit > TimeSpan.Zero)
            await Task.Delay(options.Value.PauseAfterCommit, cancellationToken);

        await log.SettleAsync(batch.LastEntry, cancellationToken);
        telemetry.Flushed(batch.Entries, time.GetElapsedTime(started));
        return batch.Entries;
    }

    /// <summary>Flushes until the log is empty (or <paramref name="cancellationToken"/> fires); returns the entries applied.</summary>
    public async Task<long> FlushAllAsync(CancellationToken cancellationToken)
    {
        long total = 0;
        while (await FlushOnceAsync(cancellationToken) is var applied and > 0)
            total += applied;
        return total;
    }

    public async Task<StreamId> ReadWatermarkAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(WatermarkQuery);
        return await ReadWatermarkAsync(command, cancellationToken);
    }

    internal const string WatermarkQuery =
        "SELECT last_entry_ms, last_entry_seq FROM counter_flushes ORDER BY last_entry_ms DESC, last_entry_seq DESC LIMIT 1";

    internal static async Task<StreamId> ReadWatermarkAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StreamId(reader.GetInt64(0), reader.GetInt64(1)) : StreamId.Zero;
    }

    private async Task<bool> ApplyAsync(StreamId watermark, CounterBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand(LockStatement, connection, transaction))
            await take.ExecuteNonQueryAsync(cancellationToken);
        await using (var check = new NpgsqlCommand(WatermarkQuery, connection, transaction))
        {
            if (await ReadWatermarkAsync(check, cancellationToken) != watermark)
            {
                logger.LogDebug("Counter batch after {Watermark} skipped: another aggregator applied it first", watermark);
                return false;
            }
        }

        var pendingAfterBatch = await LockFactsAsync(connection, transaction, watermark, batch, cancellationToken);
        await using var statements = new NpgsqlBatch(connection, transaction);
        AddStatements(statements, batch, pendingAfterBatch, time.GetUtcNow());
        await statements.ExecuteNonQueryAsync(cancellationToken);

        if (options.Value.PauseBeforeCommit > TimeSpan.Zero)
            await Task.Delay(options.Value.PauseBeforeCommit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Takes the locks of the fact counts the batch recounts, then returns what each has pending after the batch. Under
    /// the locks every committed row has its entry in the log and no write is half-way, so the rows a recount sees are
    /// those whose entries the batch holds, those settled before, and those whose entries are still pending: the last are
    /// left out of the stored count, as reads add them.
    /// </summary>
    private async Task<Dictionary<CounterKey, long>> LockFactsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        StreamId watermark, CounterBatch batch, CancellationToken cancellationToken)
    {
        if (batch.FactDeltas.Count == 0) return [];
        var keys = batch.FactDeltas.Keys.ToArray();
        await using (var take = new NpgsqlCommand(FactLocks.Exclusive, connection, transaction))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Id).Distinct().ToArray() });
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        var pending = await log.PendingAfterAsync(watermark, keys, cancellationToken);
        return keys.Select((key, i) => (key, pending[i] - batch.FactDeltas[key])).ToDictionary();
    }

    private static void AddStatements(NpgsqlBatch statements, CounterBatch batch, Dictionary<CounterKey, long> pendingAfterBatch, DateTimeOffset now)
    {
        if (batch.PostDeltas.Count > 0)
        {
            var posts = batch.PostDeltas.OrderBy(p => p.Key).ToArray();
            statements.BatchCommands.Add(Command("""
                UPDATE posts AS p SET view_count = p.view_count + d.views, share_count = p.share_count + d.shares
                FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS d(id, views, shares)
                WHERE p.id = d.id
                """, posts.Select(p => p.Key).ToArray(), posts.Select(p => p.Value.Views).ToArray(), posts.Select(p => p.Value.Shares).ToArray()));
        }
        AddRecount(statements, CounterKind.PostLikes, pendingAfterBatch);
        AddRecount(statements, CounterKind.PostComments, pendingAfterBatch);
        if (batch.StoryViewDeltas.Count > 0)
        {
            var stories = batch.StoryViewDeltas.OrderBy(s => s.Key).ToArray();
            statements.BatchCommands.Add(Command("""
                UPDATE stories AS s SET view_count = s.view_count + d.views
                FROM unnest($1::uuid[], $2::bigint[]) AS d(id, views)
                WHERE s.id = d.id
                """, stories.Select(s => s.Key).ToArray(), stories.Select(s => s.Value).ToArray()));
        }
        AddRecount(statements, CounterKind.VendorFollowers, pendingAfterBatch);
        if (batch.DailyDeltas.Count > 0)
        {
            var days = batch.DailyDeltas.OrderBy(d => d.Key.VendorId).ThenBy(d => d.Key.Day).ToArray();
            statements.BatchCommands.Add(Command("""
                INSERT INTO vendor_daily_stats AS s (vendor_id, day, orders, revenue, views, likes, new_followers)
                SELECT d.vendor_id, d.day, 0, 0, d.views, d.likes, d.followers
                FROM unnest($1::uuid[], $2::date[], $3::bigint[], $4::bigint[], $5::int[]) AS d(vendor_id, day, views, likes, followers)
                WHERE EXISTS (SELECT 1 FROM vendors v WHERE v.id = d.vendor_id)
                ON CONFLICT (vendor_id, day) DO UPDATE SET
                    views = s.views + excluded.views, likes = s.likes + excluded.likes, new_followers = s.new_followers + excluded.new_followers
                """,
                days.Select(d => d.Key.VendorId).ToArray(), days.Select(d => d.Key.Day).ToArray(),
                days.Select(d => d.Value.Views).ToArray(), days.Select(d => d.Value.Likes).ToArray(),
                days.Select(d => (int)d.Value.Followers).ToArray()));
        }
        statements.BatchCommands.Add(Command("""
            INSERT INTO counter_flushes (last_entry_ms, last_entry_seq, entries, counters, flushed_at) VALUES ($1, $2, $3, $4, $5)
            """, batch.LastEntry.Milliseconds, batch.LastEntry.Sequence, batch.Entries, batch.Counters, now));
    }

    /// <summary>
    /// Adds the recount of the <paramref name="kind"/> counts among <paramref name="pendingAfter"/>'s keys: each set to its
    /// rows less the amount given for it. The caller holds their fact locks.
    /// </summary>
    internal static void AddRecount(NpgsqlBatch statements, CounterKind kind, Dictionary<CounterKey, long> pendingAfter)
    {
        var sql = kind switch
        {
            CounterKind.PostLikes => RecountPostLikes,
            CounterKind.PostComments => RecountPostComments,
            CounterKind.VendorFollowers => RecountFollowers,
            _ => throw new ArgumentException($"{kind} is not a fact count.", nameof(kind)),
        };
        var counts = pendingAfter.Where(p => p.Key.Kind == kind).OrderBy(p => p.Key.Id).ToArray();
        if (counts.Length > 0)
            statements.BatchCommands.Add(Command(sql, counts.Select(c => c.Key.Id).ToArray(), counts.Select(c => c.Value).ToArray()));
    }

    // Fact counts are set from the rows, never added to: whatever Redis lost or delivered late, the count is right as of
    // this commit. The rows whose entries are still pending ($2) are left to reads, which add them. (Never below zero:
    // an entry whose write rolled back after adding it is pending without a row until it is settled.) Only rows that
    // change are written.
    private const string RecountPostLikes = """
        UPDATE posts AS p SET like_count = c.n
        FROM (SELECT x.id, greatest(0, (SELECT count(*) FROM post_likes l WHERE l.post_id = x.id) - x.later) AS n
              FROM unnest($1::uuid[], $2::bigint[]) AS x(id, later)) AS c
        WHERE p.id = c.id AND p.like_count <> c.n
        """;

    private const string RecountPostComments = """
        UPDATE posts AS p SET comment_count = c.n
        FROM (SELECT x.id, greatest(0, (SELECT count(*) FROM post_comments m WHERE m.post_id = x.id) - x.later) AS n
              FROM unnest($1::uuid[], $2::bigint[]) AS x(id, later)) AS c
        WHERE p.id = c.id AND p.comment_count <> c.n
        """;

    private const string RecountFollowers = """
        UPDATE vendors AS v SET follower_count = c.n
        FROM (SELECT x.id, greatest(0, (SELECT count(*) FROM follows f WHERE f.vendor_id = x.id) - x.later) AS n
              FROM unnest($1::uuid[], $2::bigint[]) AS x(id, later)) AS c
        WHERE v.id = c.id AND v.follower_count <> c.n
        """;

    internal static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
