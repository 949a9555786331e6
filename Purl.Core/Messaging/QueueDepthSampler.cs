using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Purl.Core.Messaging;

/// <summary>
/// Samples the depth of this host's consumer queues and dead-letter queues every few seconds (passive declares), so
/// a metrics scrape reads the last sample instead of talking to RabbitMQ.
/// </summary>
internal sealed class QueueDepthSampler(
    MessagingTopology topology,
    RabbitMqConnection rabbit,
    MessagingTelemetry telemetry,
    IOptions<MessagingOptions> options,
    ILogger<QueueDepthSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (topology.Consumers.Count == 0) return;
        var backoff = new Backoff(logger, "Sampling queue depths", options.Value.MaxBackoff);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Waiting first gives the consumers time to declare their queues.
                await Task.Delay(options.Value.QueueDepthSampleInterval, stoppingToken);
                try
                {
                    await SampleAsync(stoppingToken);
                    backoff.Succeeded();
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    await backoff.FailedAsync(e, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        var connection = await rabbit.GetAsync(cancellationToken);
        // A fresh channel per round: a passive declare of a missing queue closes the channel it ran on.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var consumer in topology.Consumers)
        {
            foreach (var queue in new[] { consumer.Queue, consumer.DeadLetterQueue })
            {
                try
                {
                    var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                    telemetry.QueueDepth(consumer.Name, queue, declared.MessageCount);
                }
                catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
                {
                    logger.LogDebug("Queue {Queue} is not declared yet; sampling it next round", queue);
                    return;
                }
            }
        }
    }
}
