using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Purl.Core.Analytics;
using Purl.Core.Counters;
using Purl.Core.Feed;
using StackExchange.Redis;

namespace Purl.Core.Social;

public sealed record StoryCard(Guid Id, string MediaUrl, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Seen);

public sealed record StoryGroupCard(VendorCard Vendor, bool HasUnseen, IReadOnlyList<StoryCard> Stories);

/// <summary>
/// The stories row at the top of the app: followed stores with live stories, one group per store, stores with
/// something unseen first (then the freshest), each group's stories oldest first. Read on demand (fan-in) and cached
/// per buyer in Redis for <c>Feed:StoriesCacheLifetime</c>; following, unfollowing or viewing a story drops the buyer's
/// entry, on every API instance at once since the cache is only in Redis.
/// </summary>
public sealed class StoriesFeed(
    NpgsqlDataSource dataSource,
    IDatabase redis,
    IConnectionMultiplexer connection,
    HotCounters counters,
    IOptions<FeedOptions> options,
    TimeProvider time,
    ILogger<StoriesFeed> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RedisKey CacheKey(Guid userId) => $"stories:{userId:N}";

    /// <summary>Bumped by every drop; a read that started before a drop does not write its (older) result back.</summary>
    private static RedisKey VersionKey(Guid userId) => $"stories:{userId:N}:version";

    private const string WriteIfUnchanged = """
        if (redis.call('GET', KEYS[2]) or '') == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        end
        return 0
        """;

    private const string Drop = """
        redis.call('DEL', KEYS[1])
        redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        return 0
        """;

    public async Task<IReadOnlyList<StoryGroupCard>> ReadAsync(Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (cached, version) = await TryReadCacheAsync(userId, ct);
        if (cached is not null) return WithoutExpired(cached, now);

        var groups = await QueryAsync(userId, now, ct);
        if (version is not null) await TryWriteCacheAsync(userId, groups, version, ct);
        return groups;
    }

    public async Task DropCachedAsync(Guid userId, CancellationToken ct)
    {
        if (!connection.IsConnected) return;
        try
        {
            await redis.ScriptEvaluateAsync(Drop, [CacheKey(userId), VersionKey(userId)],
                [(long)(options.Value.StoriesCacheLifetime * 5).TotalMilliseconds]).WaitAsync(ct);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Stories cache of {UserId} not dropped: Redis is unavailable", userId);
        }
    }

    /// <summary>
    /// Marks the story seen by the buyer and, the first time, counts a view (story views count viewers). Refused with
    /// 503 while Redis is unavailable, since the count could not be kept.
    /// </summary>
    public async Task<Outcome<long>> ViewAsync(Guid storyId, Guid userId, CancellationToken ct)
    {
        if (!connection.IsConnected)
            return Problem.Unavailable("Counting is unavailable for a moment; try again.", PostEngagement.RetryAfter);
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand($"""
            WITH story AS (SELECT id, vendor_id, view_count, expires_at FROM stories WHERE id = $1),
                 seen AS (
                     INSERT INTO story_views (story_id, user_id, viewed_at)
                     SELECT id, $2, $3 FROM story WHERE expires_at > $3
                     ON CONFLICT (story_id, user_id) DO NOTHING
                     RETURNING 1)
            SELECT vendor_id, view_count, expires_at, (SELECT count(*) FROM seen), {HotCounters.CountedThroughColumn} FROM story
            """);
        command.Parameters.Add(new() { Value = storyId });
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = now });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return new Problem(ProblemKind.NotFound, "Story not found.");
        var (vendorId, stored, expiresAt, first) = (reader.GetGuid(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt64(3) == 1);
        var countedThrough = HotCounters.CountedThrough(reader, 4);
        await reader.DisposeAsync();
        if (expiresAt <= now) return new Problem(ProblemKind.Unprocessable, "The story has expired.");

        var key = CounterKey.StoryViews(storyId);
        long[]? pending;
        if (first)
        {
            pending = await counters.TryAddAsync([new(key, 1), new(CounterKey.VendorDayViews(vendorId, NairobiTime.Day(now)), 1)], countedThrough, ct);
            await DropCachedAsync(userId, ct);
        }
        else
        {
            pending = await counters.PendingAsync([key], countedThrough, ct);
        }
        return stored + (pending?[0] ?? 0);
    }

    private async Task<List<StoryGroupCard>> QueryAsync(Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT v.id, v.name, v.logo_url, v.is_verified, s.id, s.media_url, s.created_at, s.expires_at,
                   EXISTS (SELECT 1 FROM story_views AS sv WHERE sv.story_id = s.id AND sv.user_id = $1) AS seen
            FROM follows AS f
            JOIN vendors AS v ON v.id = f.vendor_id AND v.is_active
            JOIN stories AS s ON s.vendor_id = f.vendor_id AND s.expires_at > $2
            WHERE f.user_id = $1
            ORDER BY s.created_at
            """);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = now });
        var byVendor = new Dictionary<Guid, (VendorCard Vendor, List<StoryCard> Stories)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var vendorId = reader.GetGuid(0);
            if (!byVendor.TryGetValue(vendorId, out var group))
                byVendor[vendorId] = group = (new VendorCard(vendorId, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3)), []);
            group.Stories.Add(new StoryCard(reader.GetGuid(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.GetBoolean(8)));
        }
        return Order(byVendor.Values.Select(g => new StoryGroupCard(g.Vendor, g.Stories.Any(s => !s.Seen), g.Stories)));
    }

    /// <summary>Unseen first, then the store that posted most recently.</summary>
    private static List<StoryGroupCard> Order(IEnumerable<StoryGroupCard> groups) =>
        groups.OrderByDescending(g => g.HasUnseen).ThenByDescending(g => g.Stories[^1].CreatedAt).ThenBy(g => g.Vendor.Id).ToList();

    /// <summary>A cached entry may outlive a story by up to the cache's lifetime: those are dropped when served.</summary>
    private static IReadOnlyList<StoryGroupCard> WithoutExpired(IReadOnlyList<StoryGroupCard> groups, DateTimeOffset now)
    {
        if (groups.All(g => g.Stories.All(s => s.ExpiresAt > now))) return groups;
        return Order(groups
            .Select(g => g with { Stories = g.Stories.Where(s => s.ExpiresAt > now).ToList() })
            .Where(g => g.Stories.Count > 0)
            .Select(g => g with { HasUnseen = g.Stories.Any(s => !s.Seen) }));
    }

    /// <summary>The cached groups (null on a miss) and the version to write a fresh result under (null: Redis is away).</summary>
    private async Task<(IReadOnlyList<StoryGroupCard>? Groups, string? Version)> TryReadCacheAsync(Guid userId, CancellationToken ct)
    {
        if (!connection.IsConnected) return (null, null);
        try
        {
            var values = await redis.StringGetAsync([CacheKey(userId), VersionKey(userId)]).WaitAsync(ct);
            var groups = values[0].IsNull ? null : JsonSerializer.Deserialize<List<StoryGroupCard>>((string)values[0]!, Json);
            return (groups, values[1].IsNull ? "" : (string)values[1]!);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException)
        {
            logger.LogDebug(e, "Stories cache of {UserId} not read", userId);
            return (null, null);
        }
    }

    private async Task TryWriteCacheAsync(Guid userId, IReadOnlyList<StoryGroupCard> groups, string version, CancellationToken ct)
    {
        try
        {
            await redis.ScriptEvaluateAsync(WriteIfUnchanged, [CacheKey(userId), VersionKey(userId)],
                [version, JsonSerializer.Serialize(groups, Json), (long)options.Value.StoriesCacheLifetime.TotalMilliseconds]).WaitAsync(ct);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogDebug(e, "Stories cache of {UserId} not written", userId);
        }
    }
}
