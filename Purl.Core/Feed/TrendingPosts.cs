using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Purl.Core.Feed;

public sealed record TrendingPost(Guid PostId, Guid VendorId, double Score);

/// <summary>
/// Discovery for feeds that run short: the best live posts by <see cref="FeedScore"/> with their current engagement,
/// computed from the most recent posts, cached in Redis for <c>Feed:TrendingCacheLifetime</c> (shared by every API
/// instance) and for a few seconds in memory. Trending is the same for everyone, so a stale copy is harmless and is
/// never invalidated, only replaced.
/// </summary>
public sealed class TrendingPosts(NpgsqlDataSource dataSource, IDatabase redis, IConnectionMultiplexer connection,
    IOptions<FeedOptions> options, TimeProvider time, ILogger<TrendingPosts> logger)
{
    private const int Candidates = 1_000;
    private static readonly RedisKey CacheKey = "feed:trending";
    private static readonly TimeSpan MemoryLifetime = TimeSpan.FromSeconds(10);
    private volatile Snapshot? _memory;

    private sealed record Snapshot(IReadOnlyList<TrendingPost> Posts, DateTimeOffset Until);

    public async Task<IReadOnlyList<TrendingPost>> GetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_memory is { } memory && memory.Until > now) return memory.Posts;

        var posts = await TryReadRedisAsync(ct);
        if (posts is null)
        {
            posts = await ComputeAsync(ct);
            await TryWriteRedisAsync(posts, ct);
        }
        _memory = new Snapshot(posts, now + MemoryLifetime);
        return posts;
    }

    public async Task<IReadOnlyList<TrendingPost>> ComputeAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand("""
            SELECT p.id, p.vendor_id, p.created_at, p.is_premium, p.like_count, p.comment_count, p.share_count
            FROM posts AS p JOIN vendors AS v ON v.id = p.vendor_id AND v.is_active
            WHERE p.is_active AND (p.expires_at IS NULL OR p.expires_at > $1)
            ORDER BY p.created_at DESC
            LIMIT $2
            """);
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = Candidates });
        var posts = new List<TrendingPost>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            posts.Add(new TrendingPost(r.GetGuid(0), r.GetGuid(1),
                FeedScore.Compute(r.GetFieldValue<DateTimeOffset>(2), r.GetBoolean(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6))));
        return posts.OrderByDescending(p => p.Score).ThenByDescending(p => p.PostId).Take(options.Value.TrendingSize).ToList();
    }

    private async Task<IReadOnlyList<TrendingPost>?> TryReadRedisAsync(CancellationToken ct)
    {
        if (!connection.IsConnected) return null;
        try
        {
            var value = await redis.StringGetAsync(CacheKey).WaitAsync(ct);
            return value.IsNull ? null : JsonSerializer.Deserialize<List<TrendingPost>>((string)value!);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException)
        {
            logger.LogDebug(e, "Trending posts not read from Redis");
            return null;
        }
    }

    private async Task TryWriteRedisAsync(IReadOnlyList<TrendingPost> posts, CancellationToken ct)
    {
        if (!connection.IsConnected) return;
        try
        {
            await redis.StringSetAsync(CacheKey, JsonSerializer.Serialize(posts), options.Value.TrendingCacheLifetime).WaitAsync(ct);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogDebug(e, "Trending posts not written to Redis");
        }
    }
}
