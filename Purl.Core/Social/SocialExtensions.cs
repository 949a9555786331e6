using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Purl.Core.Counters;
using Purl.Core.Feed;
using Purl.Core.Messaging;

namespace Purl.Core.Social;

public static class SocialExtensions
{
    /// <summary>
    /// Follows, posts, stories, engagement and the home feed, for Purl.Api. Needs <c>AddPurlDatabase()</c>,
    /// <c>AddRedisClient("redis")</c> and <c>AddMessaging(…)</c>.
    /// </summary>
    public static IServiceCollection AddSocial(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHotCounters(configuration);
        services.TryAddSingleton<PostCards>();
        services.TryAddSingleton<PostLikes>();
        services.TryAddSingleton<PostEngagement>();
        services.TryAddSingleton<StoriesFeed>();
        services.TryAddSingleton<FollowerHistory>();
        services.TryAddSingleton<TrendingPosts>();
        services.TryAddSingleton<HomeFeed>();
        services.TryAddScoped<Follows>();
        services.TryAddScoped<VendorPosts>();
        services.TryAddScoped<VendorStories>();
        return services;
    }

    /// <summary>
    /// The feed's workers, for Purl.Workers: <see cref="FeedFanOut"/> on <c>PostPublished</c>, the cards of tagged products
    /// on <c>ProductChanged</c>, the hourly <see cref="FeedCleanup"/>, and the counter aggregation. Needs <c>AddMessaging(…)</c>.
    /// </summary>
    public static IServiceCollection AddFeedWorkers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddConsumer<PostPublished, FeedFanOut>();
        services.AddConsumer<ProductChanged, TaggedProductsRefresh>();
        services.AddHostedService<FeedCleanup>();
        services.AddCounterAggregation(configuration);
        return services;
    }
}
