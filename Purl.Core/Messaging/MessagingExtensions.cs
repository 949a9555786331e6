using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Purl.Core.Data;

namespace Purl.Core.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// The outbox (<see cref="IOutbox"/>, scoped), the commit hook that wakes the relay, topology and telemetry.
    /// Needs <c>AddPurlDatabase()</c> and <c>AddRabbitMQClient("rabbitmq")</c>. Call once per host.
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.Section));
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxCommitInterceptor>();
        services.TryAddSingleton<MessagingTelemetry>();
        services.TryAddSingleton<MessagingTopology>();
        services.TryAddSingleton<DeliveryHandler>();
        services.TryAddScoped<IOutbox, Outbox>();
        services.ConfigureDbContext<PurlDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor>()));
        return services;
    }

    /// <summary>Publishes this database's outbox. Every host that raises events runs one; several relays share the work safely.</summary>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services)
    {
        services.AddHostedService<OutboxRelay>();
        return services;
    }

    /// <summary>
    /// Subscribes <typeparamref name="TConsumer"/> to <typeparamref name="TEvent"/>: queue <c>purl.&lt;consumer-name&gt;</c>
    /// bound to the event's routing key, with its retry and dead-letter queues. A consumer class may subscribe to several events.
    /// </summary>
    public static IServiceCollection AddConsumer<TEvent, TConsumer>(this IServiceCollection services)
        where TEvent : IEvent
        where TConsumer : class, IConsumer<TEvent>
    {
        services.TryAddScoped<TConsumer>();
        services.AddSingleton<ConsumerBinding>(new ConsumerBinding<TEvent, TConsumer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ConsumerHost>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, QueueDepthSampler>());
        return services;
    }

    /// <summary>Prunes sent outbox rows (after <c>Messaging:OutboxRetention</c>) and processed-message ids (after <c>Messaging:ProcessedRetention</c>).</summary>
    public static IServiceCollection AddMessagingRetention(this IServiceCollection services)
    {
        services.AddHostedService<MessagingRetention>();
        return services;
    }
}
