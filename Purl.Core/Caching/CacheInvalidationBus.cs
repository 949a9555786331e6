using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Purl.Core.Caching;

/// <summary>
/// Carries invalidations between instances on the Redis channel <c>cache:invalidate</c> (under the host's key prefix).
/// Each instance evicts what another one published; its own messages come back and are skipped. An instance that was cut
/// off from Redis may have missed some, so when its subscription comes back it forgets its whole in-memory cache.
/// </summary>
public sealed class CacheInvalidationBus(
    IConnectionMultiplexer redis, IServiceProvider services, ILogger<CacheInvalidationBus> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("cache:invalidate");
    private readonly string _origin = Guid.NewGuid().ToString("N");

    public async Task PublishAsync(CacheInvalidation invalidation, CancellationToken ct)
    {
        if (!redis.IsConnected)
        {
            logger.LogWarning("Cache invalidation of {Keys} not sent to other instances: Redis is unavailable; they forget their caches when it is back",
                string.Join(", ", invalidation.Keys.Concat(invalidation.Tags)));
            return;
        }
        var message = JsonSerializer.Serialize(new Message(_origin, invalidation.Keys, invalidation.Tags));
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, message).WaitAsync(ct);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Cache invalidation not sent to other instances");
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            // Registered even if Redis is down now: StackExchange.Redis subscribes again on every reconnect.
            await redis.GetSubscriber().SubscribeAsync(Channel, (channel, value) => { _ = OnMessageAsync(value); });
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Not yet subscribed to cache invalidations; will be once Redis answers");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(Channel);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            logger.LogDebug(e, "Unsubscribing from cache invalidations failed");
        }
    }

    private async Task OnMessageAsync(RedisValue value)
    {
        try
        {
            var message = JsonSerializer.Deserialize<Message>(value.ToString());
            if (message is null || message.Origin == _origin) return;
            await services.GetRequiredService<PurlCache>().ApplyAsync(new CacheInvalidation(message.Keys, message.Tags), remote: true, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not apply a cache invalidation from another instance");
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription) return;
        _ = ForgetAsync();

        async Task ForgetAsync()
        {
            try
            {
                await services.GetRequiredService<PurlCache>().ForgetEverythingAsync(CancellationToken.None);
                logger.LogInformation("Redis is back: cached entries from before the outage are dropped");
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not drop cached entries after Redis came back");
            }
        }
    }

    private sealed record Message(string Origin, IReadOnlyList<string> Keys, IReadOnlyList<string> Tags);
}
