using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Purl.Core.Messaging;

/// <summary>
/// The exchange and this host's consumer queues. Declaring is idempotent, and is done on every new channel: at start,
/// after a reconnect, and by the relay too, so events published before a consumer's first start are not dropped as
/// unroutable when both run in one host.
/// </summary>
public sealed class MessagingTopology(IEnumerable<ConsumerBinding> bindings, IOptions<MessagingOptions> options)
{
    public IReadOnlyList<ConsumerGroup> Consumers { get; } = bindings
        .GroupBy(b => b.Consumer)
        .Select(g => new ConsumerGroup(g.Key, g.ToList()))
        .ToList();

    public async Task DeclareAllAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await DeclareExchangeAsync(channel, cancellationToken);
        foreach (var consumer in Consumers) await DeclareAsync(channel, consumer, cancellationToken);
    }

    /// <summary>
    /// The topic exchange, with an alternate exchange: an event no queue is bound to yet (a fresh broker where the API
    /// publishes before the workers first declared their queues) is parked in <c>purl.unrouted</c> instead of dropped.
    /// </summary>
    public static async Task DeclareExchangeAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(MessagingNames.UnroutedExchange, ExchangeType.Fanout, durable: true, autoDelete: false,
            arguments: null, passive: false, noWait: false, cancellationToken);
        await DeclareQueueAsync(channel, MessagingNames.UnroutedQueue, null, cancellationToken);
        await channel.QueueBindAsync(MessagingNames.UnroutedQueue, MessagingNames.UnroutedExchange, "", null, false, cancellationToken);
        await channel.ExchangeDeclareAsync(MessagingNames.Exchange, ExchangeType.Topic, durable: true, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["alternate-exchange"] = MessagingNames.UnroutedExchange },
            passive: false, noWait: false, cancellationToken);
    }

    public async Task DeclareAsync(IChannel channel, ConsumerGroup consumer, CancellationToken cancellationToken)
    {
        await DeclareExchangeAsync(channel, cancellationToken);
        await DeclareQueueAsync(channel, consumer.Queue, null, cancellationToken);
        foreach (var binding in consumer.Bindings.Values)
            await channel.QueueBindAsync(consumer.Queue, MessagingNames.Exchange, binding.RoutingKey, null, false, cancellationToken);
        await DeclareQueueAsync(channel, consumer.DeadLetterQueue, null, cancellationToken);

        foreach (var delay in options.Value.EffectiveRetryDelays.Distinct())
        {
            // An expired message dead-letters through the default exchange straight back to the consumer's queue.
            var arguments = new Dictionary<string, object?>
            {
                ["x-message-ttl"] = (long)delay.TotalMilliseconds,
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = consumer.Queue,
            };
            await DeclareQueueAsync(channel, MessagingNames.RetryQueue(consumer.Name, delay), arguments, cancellationToken);
        }
    }

    private static Task DeclareQueueAsync(IChannel channel, string queue, IDictionary<string, object?>? arguments, CancellationToken cancellationToken) =>
        channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, passive: false, noWait: false, cancellationToken);
}
