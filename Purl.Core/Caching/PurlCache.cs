using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Purl.Core.Caching;

/// <summary>
/// Cache-aside over HybridCache (memory, then Redis, then the factory; one factory call per key at a time on each
/// instance, so a hot key that expires causes one query, not a stampede). Invalidation removes the entry here and tells
/// every other instance over Redis pub/sub (<see cref="CacheInvalidationBus"/>), which HybridCache alone does not do.
/// With <c>Caching:Enabled=false</c> every call goes to the factory.
/// </summary>
public sealed class PurlCache(HybridCache cache, CacheInvalidationBus bus, CachingTelemetry telemetry, IOptions<CachingOptions> options)
{
    private readonly HybridCacheEntryOptions _entryOptions = new()
    {
        Expiration = options.Value.Expiration,
        LocalCacheExpiration = options.Value.LocalExpiration < options.Value.Expiration ? options.Value.LocalExpiration : options.Value.Expiration,
    };

    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// The cached value for <paramref name="key"/>, else the factory's. A factory that returns null (nothing there) is
    /// not cached, so probing unknown ids cannot fill the cache. <paramref name="cacheName"/> labels the hit-ratio metric.
    /// </summary>
    public async ValueTask<T?> GetOrCreateAsync<T>(
        string cacheName, string key, Func<CancellationToken, ValueTask<T?>> factory, IReadOnlyCollection<string>? tags, CancellationToken ct)
        where T : class
    {
        if (!Enabled)
            return await factory(ct);

        var fetch = new Fetch<T>(factory);
        try
        {
            var value = await cache.GetOrCreateAsync(key, fetch, static (f, token) => f.RunAsync(token), _entryOptions, tags, ct);
            telemetry.Lookup(cacheName, hit: !fetch.Ran);
            return value;
        }
        catch (NothingToCache)
        {
            telemetry.Lookup(cacheName, hit: false);
            return null;
        }
    }

    /// <summary>Evicts on this instance (memory and Redis) now, then on every other instance through pub/sub.</summary>
    public async Task InvalidateAsync(CacheInvalidation invalidation, CancellationToken ct)
    {
        await ApplyAsync(invalidation, remote: false, ct);
        await bus.PublishAsync(invalidation, ct);
    }

    internal async Task ApplyAsync(CacheInvalidation invalidation, bool remote, CancellationToken ct)
    {
        if (invalidation.Keys.Count > 0)
            await cache.RemoveAsync(invalidation.Keys, ct);
        if (invalidation.Tags.Count > 0)
            await cache.RemoveByTagAsync(invalidation.Tags, ct);
        telemetry.Invalidated(remote);
    }

    /// <summary>After missing invalidations (Redis was unreachable), nothing held in memory can be trusted.</summary>
    internal ValueTask ForgetEverythingAsync(CancellationToken ct) => cache.RemoveByTagAsync("*", ct);

    private sealed class Fetch<T>(Func<CancellationToken, ValueTask<T?>> factory) where T : class
    {
        public bool Ran { get; private set; }

        public async ValueTask<T> RunAsync(CancellationToken ct)
        {
            Ran = true;
            return await factory(ct) ?? throw new NothingToCache();
        }
    }

    /// <summary>Leaves HybridCache without storing anything: its factories have no "do not cache this" result.</summary>
    private sealed class NothingToCache : Exception;
}
