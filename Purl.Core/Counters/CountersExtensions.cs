using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Purl.Core.Counters;

public static class CountersExtensions
{
    /// <summary>
    /// <see cref="HotCounters"/> (increments and pending reads) and <see cref="FactCounts"/>. Needs <c>AddPurlDatabase()</c>
    /// and <c>AddRedisClient("redis")</c>.
    /// </summary>
    public static IServiceCollection AddHotCounters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CountersOptions>().Bind(configuration.GetSection(CountersOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HotCounters>();
        services.TryAddSingleton<CounterLog>();
        services.TryAddSingleton<FactCounts>();
        services.TryAddSingleton<SocialTelemetry>();
        return services;
    }

    /// <summary>The counter-aggregation worker (<see cref="CounterAggregator"/>), for Purl.Workers.</summary>
    public static IServiceCollection AddCounterAggregation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHotCounters(configuration);
        services.TryAddSingleton<CounterFlusher>();
        services.AddHostedService<CounterAggregator>();
        return services;
    }
}
