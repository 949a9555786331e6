using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Purl.Core.Caching;

public static class CachingExtensions
{
    private const string RedisL2Key = "purl-cache-l2";

    /// <summary>
    /// <see cref="PurlCache"/>: HybridCache in memory with Redis as L2 (keys under the host's <c>Redis:KeyPrefix</c> +
    /// <c>cache:</c>), invalidations shared over pub/sub, hit ratio on meter <c>Purl.Caching</c>. Needs
    /// <c>AddRedisClient</c> first.
    /// </summary>
    public static IHostApplicationBuilder AddPurlCaching(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CachingOptions>().BindConfiguration(CachingOptions.Section);
        services.AddKeyedSingleton<IDistributedCache>(RedisL2Key, (sp, _) =>
        {
            var connection = sp.GetRequiredService<IConnectionMultiplexer>();
            var redis = new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = sp.GetRequiredService<RedisKeyPrefix>().Value + "cache:",
                ConnectionMultiplexerFactory = () => Task.FromResult(connection),
            }));
            return new ConnectedRedisCache(redis, connection);
        });
        services.AddHybridCache(o =>
            {
                o.DistributedCacheServiceKey = RedisL2Key;
                o.MaximumPayloadBytes = 1024 * 1024;
            })
            .AddSerializer<CachedResponse, CachedResponseSerializer>();
        services.AddSingleton<CachingTelemetry>();
        services.AddSingleton<CacheInvalidationBus>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheInvalidationBus>());
        services.AddSingleton<PurlCache>();
        return builder;
    }
}
