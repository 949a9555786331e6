using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Purl.Core.Data;

namespace Purl.Core.Messaging;

/// <summary>Handles one kind of event. Register with <c>services.AddConsumer&lt;TEvent, TConsumer&gt;()</c>; the class name names the queue.</summary>
public interface IConsumer<in TEvent> where TEvent : IEvent
{
    /// <summary>
    /// Runs inside a database transaction that also records the message as processed; the runner saves and commits
    /// <see cref="ConsumeContext.Db"/> after this returns, then acknowledges. Throwing rolls everything back and schedules a retry.
    /// </summary>
    Task HandleAsync(TEvent message, ConsumeContext context, CancellationToken cancellationToken);
}

public sealed class ConsumeContext
{
    /// <summary>The outbox row's id: the same on every delivery of the same event.</summary>
    public required Guid MessageId { get; init; }
    /// <summary>The scope's context; the runner's transaction is open on it unless the consumer handles its own transactions or is <see cref="AtLeastOnceAttribute"/>.</summary>
    public required PurlDbContext Db { get; init; }
    /// <summary>1 on the first delivery, 2 on the first delayed retry, and so on.</summary>
    public required int Attempt { get; init; }
    /// <summary>RabbitMQ delivered this before without an acknowledgement (a crash or a lost connection).</summary>
    public required bool Redelivered { get; init; }
}

/// <summary>
/// Opts a consumer out of the runner's transaction, for handlers that must commit in batches of their own (the feed
/// fan-out to 200K followers). The runner then skips messages already recorded in <c>processed_messages</c>, calls the
/// handler without a transaction and without saving for it, and records the message only after the handler returns.
/// A crash in between redelivers the message, so the handler must be idempotent on its own (for example inserts with
/// <c>ON CONFLICT DO NOTHING</c> against a unique key).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HandlesOwnTransactionsAttribute : Attribute;

/// <summary>
/// For consumers that write nothing to the database and whose effect may simply happen again (a live push that
/// dashboards key by order id, a cache eviction): the runner calls them with no transaction and keeps no record in
/// <c>processed_messages</c>, so a redelivery repeats the effect. That spares a transaction and a commit per message on
/// paths that see one for every payment.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AtLeastOnceAttribute : Attribute;

/// <summary>
/// Lets a consumer handle up to <see cref="Deliveries"/> messages of its queue at once (RabbitMQ's consumer dispatch
/// concurrency on its channel; at least that many are prefetched). Each delivery still has its own scope, transaction and
/// acknowledgement. Only for consumers whose messages are independent of each other's order and whose work settles
/// conflicts in the database (row locks taken in one order), such as the IPN worker: it waits on Pesapal for each one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConcurrentDeliveriesAttribute(ushort deliveries) : Attribute
{
    public ushort Deliveries { get; } = deliveries;
}

/// <summary>One subscription: an event, and the consumer class that handles it.</summary>
public abstract class ConsumerBinding(Type eventType, Type consumerType)
{
    public string Consumer { get; } = MessagingNames.ConsumerName(consumerType);
    public Type ConsumerType { get; } = consumerType;
    public string EventName { get; } = MessagingNames.EventName(eventType);
    public string RoutingKey { get; } = MessagingNames.RoutingKey(eventType);
    public bool HandlesOwnTransactions { get; } = consumerType.GetCustomAttribute<HandlesOwnTransactionsAttribute>() is not null;
    public bool AtLeastOnce { get; } = consumerType.GetCustomAttribute<AtLeastOnceAttribute>() is not null;
    public ushort Concurrency { get; } = consumerType.GetCustomAttribute<ConcurrentDeliveriesAttribute>()?.Deliveries ?? 1;

    /// <exception cref="JsonException">The body is not this event.</exception>
    public abstract object Deserialize(ReadOnlySpan<byte> body);

    public abstract Task InvokeAsync(IServiceProvider services, object message, ConsumeContext context, CancellationToken cancellationToken);
}

internal sealed class ConsumerBinding<TEvent, TConsumer>() : ConsumerBinding(typeof(TEvent), typeof(TConsumer))
    where TEvent : IEvent
    where TConsumer : class, IConsumer<TEvent>
{
    public override object Deserialize(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize<TEvent>(body, MessagingNames.Json) ?? throw new JsonException($"The body of a {EventName} message is null.");

    public override Task InvokeAsync(IServiceProvider services, object message, ConsumeContext context, CancellationToken cancellationToken) =>
        services.GetRequiredService<TConsumer>().HandleAsync((TEvent)message, context, cancellationToken);
}

/// <summary>A consumer class with everything it subscribes to: one queue, one dead-letter queue, its retry queues.</summary>
public sealed class ConsumerGroup
{
    public ConsumerGroup(string name, IReadOnlyCollection<ConsumerBinding> bindings)
    {
        if (bindings.Select(b => b.ConsumerType).Distinct().Count() > 1)
            throw new InvalidOperationException($"Two consumer classes are both named '{name}': rename one, they would share queue {MessagingNames.Queue(name)}.");
        Name = name;
        Bindings = bindings.ToDictionary(b => b.EventName);
        HandlesOwnTransactions = bindings.First().HandlesOwnTransactions;
        AtLeastOnce = bindings.First().AtLeastOnce;
        Concurrency = bindings.First().Concurrency;
    }

    public string Name { get; }
    public string Queue => MessagingNames.Queue(Name);
    public string DeadLetterQueue => MessagingNames.DeadLetterQueue(Name);
    public IReadOnlyDictionary<string, ConsumerBinding> Bindings { get; }
    public bool HandlesOwnTransactions { get; }
    public bool AtLeastOnce { get; }
    public ushort Concurrency { get; }
}
