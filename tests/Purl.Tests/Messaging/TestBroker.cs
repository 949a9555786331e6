using System.Text;
using System.Text.Json;
using Purl.Core.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Purl.Tests.Messaging;

/// <summary>The test's own AMQP connection to its virtual host: publish straight to <c>purl.events</c>, look at queues.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _publisher;

    private TestBroker(IConnection connection, IChannel publisher) => (_connection, _publisher) = (connection, publisher);

    public static async Task<TestBroker> ConnectAsync(string uri, CancellationToken cancellationToken)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync("purl-tests", cancellationToken);
        var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), cancellationToken);
        return new TestBroker(connection, publisher);
    }

    /// <summary>Publishes as the relay does (mandatory here, so a message no queue takes fails the test instead of vanishing).</summary>
    public async Task PublishAsync<TEvent>(TEvent @event, Guid messageId, CancellationToken cancellationToken) where TEvent : IEvent
    {
        var properties = new BasicProperties
        {
            MessageId = messageId.ToString(),
            Type = MessagingNames.EventName(typeof(TEvent)),
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
        };
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(@event, MessagingNames.Json));
        await _publisher.BasicPublishAsync(MessagingNames.Exchange, MessagingNames.RoutingKey(typeof(TEvent)), true, properties, body, cancellationToken);
    }

    /// <summary>Ready messages and consumers of a queue, or null while it does not exist.</summary>
    public async Task<QueueDeclareOk?> QueueAsync(string queue, CancellationToken cancellationToken)
    {
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until each consumer type has bound its queue and consumes from it: a worker host's StartAsync returns before
    /// that, and an event published in between would be parked as unrouted.
    /// </summary>
    public static async Task WaitForConsumersAsync(string uri, CancellationToken cancellationToken, params Type[] consumers)
    {
        await using var broker = await ConnectAsync(uri, cancellationToken);
        foreach (var consumer in consumers)
            await broker.WaitForConsumerAsync(MessagingNames.Queue(MessagingNames.ConsumerName(consumer)), cancellationToken);
    }

    /// <param name="diagnostics">What to show if no consumer comes (a worker process's output).</param>
    public async Task WaitForConsumerAsync(string queue, CancellationToken cancellationToken, Func<string>? diagnostics = null)
    {
        try
        {
            await Eventually.HoldsAsync(async () => (await QueueAsync(queue, cancellationToken))?.ConsumerCount > 0,
                TimeSpan.FromSeconds(60), $"{queue} has a consumer", cancellationToken);
        }
        catch (Exception e) when (diagnostics is not null && e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{e.Message}\n{diagnostics()}", e);
        }
    }

    public async Task<BasicGetResult?> GetAsync(string queue, CancellationToken cancellationToken)
    {
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        return await channel.BasicGetAsync(queue, autoAck: true, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _publisher.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
