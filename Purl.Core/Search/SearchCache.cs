using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Purl.Core.Search;

/// <summary>
/// Popular searches kept in Redis as the finished response bytes for <see cref="SearchOptions.CacheDuration"/> (5 min).
/// A search is popular once it has been asked <see cref="SearchOptions.CacheAfter"/> times within that time, so one-off
/// queries do not fill Redis. Keys carry the index's generation, which the indexer bumps whenever a product leaves the
/// index: a cached page never shows a product that was unpublished, deactivated or deleted for more than a second.
/// Other changes (price, stock) can stay up to the cache duration in a cached page, as the design accepts.
/// When Redis cannot be reached the search runs uncached.
/// </summary>
public sealed class SearchCache(IDatabase redis, IOptions<SearchOptions> options, TimeProvider time, ILogger<SearchCache> logger)
{
    private const string GenerationKey = "search:generation";
    private static readonly TimeSpan GenerationLifetime = TimeSpan.FromSeconds(1);

    private static readonly LuaScript Count = LuaScript.Prepare("""
        local n = redis.call('INCR', @key)
        if n == 1 then redis.call('PEXPIRE', @key, @ttl) end
        return n
        """);

    private volatile GenerationRead? _generation;

    /// <summary>The cached response for <paramref name="key"/>, or null.</summary>
    public async Task<byte[]?> GetAsync(string kind, string key, CancellationToken cancellationToken)
    {
        try
        {
            var generation = await GenerationAsync(cancellationToken);
            return (byte[]?)await redis.StringGetAsync(ValueKey(kind, key, generation)).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Search cache not read: Redis is unavailable");
            return null;
        }
    }

    /// <summary>Counts one more asking of <paramref name="key"/>; once it is popular, stores <paramref name="response"/> (made only then).</summary>
    public async Task RememberAsync(string kind, string key, Func<byte[]> response, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            var asked = (long)await redis.ScriptEvaluateAsync(Count, new
            {
                key = (RedisKey)$"search:asked:{kind}:{key}",
                ttl = (long)settings.CacheDuration.TotalMilliseconds,
            }).WaitAsync(cancellationToken);
            if (asked < settings.CacheAfter) return;
            var generation = await GenerationAsync(cancellationToken);
            await redis.StringSetAsync(ValueKey(kind, key, generation), response(), settings.CacheDuration).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Search response not cached: Redis is unavailable");
        }
    }

    /// <summary>Makes every cached search stale (the indexer calls it after a product left the index, once that is committed).</summary>
    public async Task InvalidateAllAsync(CancellationToken cancellationToken)
    {
        await redis.StringIncrementAsync(GenerationKey).WaitAsync(cancellationToken);
        _generation = null;
    }

    private async Task<long> GenerationAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_generation is { } cached && now - cached.ReadAt < GenerationLifetime) return cached.Value;
        var value = (long?)await redis.StringGetAsync(GenerationKey).WaitAsync(cancellationToken) ?? 0;
        _generation = new GenerationRead(value, now);
        return value;
    }

    private sealed record GenerationRead(long Value, DateTimeOffset ReadAt);

    private static RedisKey ValueKey(string kind, string key, long generation) => $"search:{kind}:{generation}:{key}";
}
