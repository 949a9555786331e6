using Purl.Api.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Purl.Core.Analytics;
using Purl.Core.Counters;
using Purl.Core.Data;
using Purl.Core.Feed;
using Purl.Core.Messaging;

namespace Purl.Core.Social;

public sealed record FollowState(Guid VendorId, bool Following, long FollowerCount);

public sealed record FollowedVendor(VendorCard Vendor, long FollowerCount, DateTimeOffset FollowedAt);

/// <summary>
/// Follows are facts: the row is committed before the API answers, and its increment is added to the counters just
/// before that commit, under the store's <see cref="FactLocks"/>. Following also merges the store's recent posts into
/// the buyer's feed (same transaction); unfollowing removes them, under the lock fan-out batches take for that store, so
/// a fan-out that read the follow before the unfollow cannot write its item after the delete.
/// </summary>
public sealed class Follows(
    PurlDbContext db,
    IOutbox outbox,
    HotCounters counters,
    FactCounts facts,
    StoriesFeed stories,
    IOptions<FeedOptions> options,
    TimeProvider time)
{
    private static readonly Problem VendorNotFound = new(ProblemKind.NotFound, "Store not found.");

    public async Task<Outcome<FollowState>> FollowAsync(Guid userId, Guid vendorId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        bool followed;
        FollowerCount count;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var owner = await ReadVendorOwnerAsync(transaction, vendorId, ct);
            if (owner is null) return VendorNotFound;
            if (owner == userId)
                return new Problem(ProblemKind.Unprocessable, "You cannot follow your own store.");

            await TakeFactLockAsync(transaction, vendorId, ct);
            await using (var insert = Command(transaction, """
                INSERT INTO follows (user_id, vendor_id, followed_at) VALUES ($1, $2, $3) ON CONFLICT (user_id, vendor_id) DO NOTHING
                """, userId, vendorId, now))
            {
                followed = await insert.ExecuteNonQueryAsync(ct) == 1;
            }
            if (followed)
            {
                await MergeRecentPostsAsync(transaction, userId, vendorId, now, ct);
                outbox.Add(new VendorFollowed(vendorId, userId, now));
                await db.SaveChangesAsync(ct);
            }
            count = await CountFollowerAsync(transaction, vendorId, followed ? +1 : 0, ct);
            await transaction.CommitAsync(ct);
        }
        if (followed) await stories.DropCachedAsync(userId, ct);
        return new FollowState(vendorId, true, await FollowerCountAfterAsync(count, now, ct));
    }

    public async Task<Outcome<FollowState>> UnfollowAsync(Guid userId, Guid vendorId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        bool unfollowed;
        FollowerCount count;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // First, before the delete takes its snapshot: wait out any fan-out batch of this store in flight.
            await using (var take = Command(transaction, FeedLocks.Unfollow, vendorId))
                await take.ExecuteNonQueryAsync(ct);
            if (await ReadVendorOwnerAsync(transaction, vendorId, ct) is null) return VendorNotFound;

            await TakeFactLockAsync(transaction, vendorId, ct);
            await using (var delete = Command(transaction, "DELETE FROM follows WHERE user_id = $1 AND vendor_id = $2", userId, vendorId))
                unfollowed = await delete.ExecuteNonQueryAsync(ct) == 1;
            if (unfollowed)
            {
                await using (var items = Command(transaction, "DELETE FROM feed_items WHERE user_id = $1 AND vendor_id = $2", userId, vendorId))
                    await items.ExecuteNonQueryAsync(ct);
                outbox.Add(new VendorUnfollowed(vendorId, userId, now));
                await db.SaveChangesAsync(ct);
            }
            count = await CountFollowerAsync(transaction, vendorId, unfollowed ? -1 : 0, ct);
            await transaction.CommitAsync(ct);
        }
        if (unfollowed) await stories.DropCachedAsync(userId, ct);
        return new FollowState(vendorId, false, await FollowerCountAfterAsync(count, now, ct));
    }

    /// <summary>The stores a buyer follows, most recently followed first.</summary>
    public async Task<Outcome<Page<FollowedVendor>>> FollowingAsync(Guid userId, string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var take = PageLimit.Resolve(limit, errors);
        var after = KeysetCursor.Parse(cursor, errors, "t");
        if (errors.Any) return errors.ToProblem();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        var rows = new List<FollowedVendor>();
        var countedThrough = StreamId.Zero;
        try
        {
            await using var command = new NpgsqlCommand($"""
                SELECT v.id, v.name, v.logo_url, v.is_verified, v.follower_count, f.followed_at, {HotCounters.CountedThroughColumn}
                FROM follows AS f JOIN vendors AS v ON v.id = f.vendor_id
                WHERE f.user_id = $1 AND (f.followed_at, f.vendor_id) < ($2, $3)
                ORDER BY f.followed_at DESC, f.vendor_id DESC
                LIMIT $4
                """, connection)
            {
                Parameters =
                {
                    new() { Value = userId },
                    new() { Value = after?.Time ?? DateTimeOffset.MaxValue },
                    new() { Value = after?.Id ?? Guid.AllBitsSet },
                    new() { Value = take + 1 },
                },
            };
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new FollowedVendor(
                    new VendorCard(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3)),
                    reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5)));
                countedThrough = HotCounters.CountedThrough(reader, 6);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        var more = rows.Count > take;
        if (more) rows.RemoveAt(take);
        var pending = await counters.PendingAsync(rows.Select(r => CounterKey.VendorFollowers(r.Vendor.Id)).ToList(), countedThrough, ct);
        var items = rows.Select((r, i) => r with { FollowerCount = Math.Max(0, r.FollowerCount + pending[i]) }).ToList();
        return new Page<FollowedVendor>(items, more ? KeysetCursor.ForTime(items[^1].FollowedAt, items[^1].Vendor.Id).Encode() : null);
    }

    /// <summary>A follow or unfollow's change to the store's follower count, as its transaction left it.</summary>
    /// <param name="Pending">After adding <paramref name="Delta"/>; null when unchanged or when Redis could not take it.</param>
    private sealed record FollowerCount(Guid VendorId, int Delta, long Stored, StreamId CountedThrough, long? Pending);

    /// <summary>Under the store's fact lock, before the commit: the stored count, and the change added to the counters.</summary>
    private async Task<FollowerCount> CountFollowerAsync(IDbContextTransaction transaction, Guid vendorId, int delta, CancellationToken ct)
    {
        long stored = 0;
        var countedThrough = StreamId.Zero;
        await using (var read = Command(transaction, $"SELECT follower_count, {HotCounters.CountedThroughColumn} FROM vendors WHERE id = $1", vendorId))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
                (stored, countedThrough) = (reader.GetInt64(0), HotCounters.CountedThrough(reader, 1));
        }
        var pending = delta == 0 ? null : (await counters.TryAddAsync([new(CounterKey.VendorFollowers(vendorId), delta)], countedThrough, ct))?[0];
        return new FollowerCount(vendorId, delta, stored, countedThrough, pending);
    }

    /// <summary>
    /// After the commit: the store's follower count — stored plus pending, or recounted when Redis could not take the
    /// change — with the change added to the store's daily figures.
    /// </summary>
    private async Task<long> FollowerCountAfterAsync(FollowerCount count, DateTimeOffset now, CancellationToken ct)
    {
        var key = CounterKey.VendorFollowers(count.VendorId);
        if (count.Delta == 0)
            return Math.Max(0, count.Stored + (await counters.PendingAsync([key], count.CountedThrough, ct))[0]);
        await counters.TryAddAsync([new(CounterKey.VendorDayFollowers(count.VendorId, NairobiTime.Day(now)), count.Delta)], countedThrough: null, ct);
        return count.Pending is { } pending ? Math.Max(0, count.Stored + pending) : await facts.RecountAsync(key, ct);
    }

    private async Task TakeFactLockAsync(IDbContextTransaction transaction, Guid vendorId, CancellationToken ct)
    {
        await using var take = Command(transaction, FactLocks.Share, (object)new[] { vendorId });
        await take.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A new follower's feed gets the store's most recent live posts, scored as the fan-out would score them now. Posts
    /// merged at read time are left out: the feed read brings those.
    /// </summary>
    private async Task MergeRecentPostsAsync(IDbContextTransaction transaction, Guid userId, Guid vendorId, DateTimeOffset now, CancellationToken ct)
    {
        var posts = new List<(Guid Id, double Score, DateTimeOffset? ExpiresAt)>();
        await using (var recent = Command(transaction, """
            SELECT id, created_at, is_premium, like_count, comment_count, share_count, expires_at
            FROM posts
            WHERE vendor_id = $1 AND is_active AND NOT merged_at_read AND (expires_at IS NULL OR expires_at > $2)
            ORDER BY created_at DESC
            LIMIT $3
            """, vendorId, now, options.Value.FollowMergePosts))
        {
            await using var reader = await recent.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                posts.Add((reader.GetGuid(0),
                    FeedScore.Compute(reader.GetFieldValue<DateTimeOffset>(1), reader.GetBoolean(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }
        if (posts.Count == 0) return;
        await using var insert = Command(transaction, """
            INSERT INTO feed_items (user_id, post_id, vendor_id, score, source, created_at, expires_at)
            SELECT $1, p.id, $2, p.score, 'following', $3, p.expires_at
            FROM unnest($4::uuid[], $5::float8[], $6::timestamptz[]) AS p(id, score, expires_at)
            ON CONFLICT (user_id, post_id) DO NOTHING
            """, userId, vendorId, now, posts.Select(p => p.Id).ToArray(), posts.Select(p => p.Score).ToArray(),
            posts.Select(p => p.ExpiresAt).ToArray());
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The owner of an open store; null when there is no such store (or it is closed).</summary>
    private async Task<Guid?> ReadVendorOwnerAsync(IDbContextTransaction transaction, Guid vendorId, CancellationToken ct)
    {
        await using var command = Command(transaction, "SELECT owner_user_id FROM vendors WHERE id = $1 AND is_active", vendorId);
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }

    private NpgsqlCommand Command(IDbContextTransaction transaction, string sql, params object[] parameters)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        foreach (var value in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
