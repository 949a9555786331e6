using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Purl.Core.Messaging;

/// <summary>Runs every consumer registered in this host, each on its own channel, until the host stops.</summary>
internal sealed class ConsumerHost(
    MessagingTopology topology,
    DeliveryHandler deliveries,
    RabbitMqConnection rabbit,
    IOptions<MessagingOptions> options,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(topology.Consumers.Select(consumer => RunAsync(consumer, stoppingToken)));

    /// <summary>
    /// Opens a channel, declares the consumer's queues, consumes with bounded prefetch and manual acks, and starts over
    /// with a fresh channel whenever that one closes (lost connection, broker restart, a failed ack).
    /// </summary>
    private async Task RunAsync(ConsumerGroup consumer, CancellationToken stoppingToken)
    {
        var logger = loggers.CreateLogger($"{typeof(ConsumerHost).FullName}.{consumer.Name}");
        var backoff = new Backoff(logger, $"Consuming {consumer.Queue}", options.Value.MaxBackoff);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                IChannel? channel = null;
                try
                {
                    var connection = await rabbit.GetAsync(stoppingToken);
                    channel = await connection.CreateChannelAsync(
                        new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
                            consumerDispatchConcurrency: consumer.Concurrency),
                        stoppingToken);
                    var closed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                    channel.ChannelShutdownAsync += (_, e) =>
                    {
                        closed.TrySetResult(e.ReplyText);
                        return Task.CompletedTask;
                    };
                    await topology.DeclareAsync(channel, consumer, stoppingToken);
                    await channel.BasicQosAsync(0, Math.Max(options.Value.Prefetch, consumer.Concurrency), global: false, stoppingToken);

                    var receiver = new AsyncEventingBasicConsumer(channel);
                    var current = channel;
                    receiver.ReceivedAsync += (_, delivery) => OnDeliveryAsync(current, consumer, delivery, closed, logger, stoppingToken);
                    await channel.BasicConsumeAsync(consumer.Queue, autoAck: false, receiver, stoppingToken);
                    backoff.Succeeded();
                    logger.LogInformation("Consuming {Queue}", consumer.Queue);

                    var reason = await closed.Task.WaitAsync(stoppingToken);
                    throw new IOException($"The channel consuming {consumer.Queue} closed: {reason}");
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    if (channel is not null) await Backoff.DisposeChannelAsync(channel, logger);
                    channel = null;
                    await backoff.FailedAsync(e, stoppingToken);
                }
                finally
                {
                    // Closing the channel hands every unacknowledged delivery back to the queue.
                    if (channel is not null) await Backoff.DisposeChannelAsync(channel, logger);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task OnDeliveryAsync(IChannel channel, ConsumerGroup consumer, BasicDeliverEventArgs delivery,
        TaskCompletionSource<string> closed, ILogger logger, CancellationToken stoppingToken)
    {
        try
        {
            await deliveries.HandleAsync(channel, consumer, delivery, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-message: it stays unacknowledged and RabbitMQ redelivers it.
        }
        catch (Exception e)
        {
            // The message could not be settled (ack or retry publish failed). A new channel makes RabbitMQ redeliver it.
            logger.LogError(e, "Could not settle message {MessageId} from {Queue}, reopening the channel: {Error}",
                delivery.BasicProperties.MessageId, consumer.Queue, e.Message);
            closed.TrySetResult(e.Message);
        }
    }
}
