using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Purl.Core.RateLimiting;

/// <summary>A named limit: at most <see cref="Limit"/> acquisitions per <see cref="Window"/> for one client.</summary>
public sealed record RateLimitPolicy(string Name, int Limit, TimeSpan Window)
{
    /// <summary>
    /// How many permits an instance takes from Redis at once: a tenth of the limit, so a busy client costs one Redis call
    /// per ten requests. Limits under 20 (payments: 5) are counted one by one, exactly.
    /// </summary>
    public int LeaseSize => Math.Max(1, Limit / 10);
}

/// <summary>Configured under <c>RateLimits:{name}</c> (<c>Limit</c>, <c>Window</c>); DESIGN's numbers are the defaults.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public Dictionary<string, RateLimitPolicy> Policies { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [RateLimitNames.Marketplace] = new(RateLimitNames.Marketplace, 200, TimeSpan.FromMinutes(1)),
        [RateLimitNames.Store] = new(RateLimitNames.Store, 100, TimeSpan.FromMinutes(1)),
        [RateLimitNames.Search] = new(RateLimitNames.Search, 60, TimeSpan.FromMinutes(1)),
        [RateLimitNames.Payment] = new(RateLimitNames.Payment, 5, TimeSpan.FromMinutes(15)),
    };
}

public static class RateLimitNames
{
    public const string Marketplace = "marketplace";
    public const string Store = "store";
    public const string Search = "search";
    public const string Payment = "payment";
}

public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Fixed-window counters in Redis, so every API instance shares one count per client. An instance takes a client's
/// permits a lease at a time (<see cref="RateLimitPolicy.LeaseSize"/>, one atomic script) and spends them locally, so a
/// hot client does not cost a Redis call per request; what is leased is counted, so no client ever gets past its limit.
/// When Redis cannot be asked the request is let through (limits protect the service; they must not take reads down
/// with Redis), and the failure is logged.
/// </summary>
public sealed class RateLimiter(IDatabase redis, IOptions<RateLimitOptions> options, TimeProvider time, ILogger<RateLimiter> logger)
{
    private static readonly LuaScript Script = LuaScript.Prepare("""
        local count = redis.call('INCRBY', @key, @lease)
        if count == tonumber(@lease) then redis.call('PEXPIRE', @key, @windowMs) end
        local ttl = redis.call('PTTL', @key)
        return { count, ttl }
        """);

    private readonly LocalLeases _leases = new(time);

    public RateLimitPolicy Policy(string name) =>
        options.Value.Policies.TryGetValue(name, out var policy) ? policy : throw new ArgumentException($"No rate limit named '{name}'.", nameof(name));

    public async Task<RateLimitDecision> AcquireAsync(string policyName, string client, CancellationToken cancellationToken)
    {
        var policy = Policy(policyName);
        var key = $"ratelimit:{policy.Name}:{client}";
        if (_leases.TrySpend(key)) return new RateLimitDecision(true, TimeSpan.Zero);
        if (!redis.Multiplexer.IsConnected)
        {
            // Known to be down: don't queue behind the reconnect for seconds (the health check already says Redis is down).
            logger.LogDebug("Rate limit {Policy} not checked: Redis is disconnected", policy.Name);
            return new RateLimitDecision(true, TimeSpan.Zero);
        }
        try
        {
            var result = (RedisResult[])(await redis.ScriptEvaluateAsync(Script, new
            {
                key = (RedisKey)key,
                lease = policy.LeaseSize,
                windowMs = (long)policy.Window.TotalMilliseconds,
            }).WaitAsync(cancellationToken))!;
            var countedBefore = (long)result[0] - policy.LeaseSize;
            var ttl = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
            var granted = (int)Math.Clamp(policy.Limit - countedBefore, 0, policy.LeaseSize);
            if (granted == 0) return new RateLimitDecision(false, ttl);
            _leases.Keep(key, granted - 1, ttl);
            return new RateLimitDecision(true, TimeSpan.Zero);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Rate limit {Policy} not checked: Redis is unavailable", policy.Name);
            return new RateLimitDecision(true, TimeSpan.Zero);
        }
    }
}

public static class RateLimitingExtensions
{
    /// <summary>The shared <see cref="RateLimiter"/> with DESIGN's default policies, overridable per policy in configuration.</summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Configure(options =>
        {
            foreach (var section in configuration.GetSection(RateLimitOptions.Section).GetChildren())
            {
                var current = options.Policies.GetValueOrDefault(section.Key) ?? new RateLimitPolicy(section.Key, 60, TimeSpan.FromMinutes(1));
                options.Policies[section.Key] = current with
                {
                    Limit = section.GetValue(nameof(RateLimitPolicy.Limit), current.Limit),
                    Window = section.GetValue(nameof(RateLimitPolicy.Window), current.Window),
                };
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RateLimiter>();
        return services;
    }
}
