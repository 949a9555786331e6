using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Microsoft.Extensions.Hosting;

/// <summary>Where this host's keys and channels live in Redis. Tests give each class its own prefix.</summary>
public sealed record RedisKeyPrefix(string Value)
{
    public const string ConfigurationKey = "Redis:KeyPrefix";
    public const string Default = "purl:";
}

public static class RedisClientExtensions
{
    /// <summary>
    /// Registers one <see cref="IConnectionMultiplexer"/> for <c>ConnectionStrings:{name}</c>, an <see cref="IDatabase"/>
    /// that prefixes every key with <c>Redis:KeyPrefix</c>, and a ready check named after it. The connection retries in the
    /// background, so a host starts (and serves what does not need Redis) while Redis is down.
    /// </summary>
    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string name)
    {
        var connectionString = builder.Configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not set. Start the stack with the AppHost or set ConnectionStrings__{name}.");
        var prefix = new RedisKeyPrefix(builder.Configuration[RedisKeyPrefix.ConfigurationKey] ?? RedisKeyPrefix.Default);

        builder.Services.AddSingleton(prefix);
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2000;
            options.ChannelPrefix = RedisChannel.Literal(prefix.Value);
            // Completions on .NET's thread pool rather than the client's ten dedicated threads: on a two-core host those
            // threads fought the request threads over the scheduler's lock, and in a profile of the feed its one Redis
            // call per page took a third of the API's CPU, most of it contention on that lock.
            options.SocketManager = SocketManager.ThreadPool;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase().WithKeyPrefix(prefix.Value));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            "redis",
            sp => new RedisHealthCheck(sp.GetRequiredService<IConnectionMultiplexer>()),
            HealthStatus.Unhealthy,
            [ServiceDefaultsExtensions.ReadyTag],
            TimeSpan.FromSeconds(3)));
        return builder;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
                return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.#} ms");
            }
            catch (Exception e) when (e is RedisException or TimeoutException or OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"Redis: {e.Message}", e);
            }
        }
    }
}
