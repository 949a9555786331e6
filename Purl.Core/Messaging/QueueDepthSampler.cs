using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

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
        IChannel? channel = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (channel is not { IsOpen: true })
                    {
                        if (channel is not null) await Backoff.DisposeChannelAsync(channel, logger);
                        channel = null;
                        var connection = await rabbit.GetAsync(stoppingToken);
                        channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
                    }
                    foreach (var consumer in topology.Consumers)
                    {
                        foreach (var queue in new[] { consumer.Queue, consumer.DeadLetterQueue })
                        {
                            var declared = await channel.QueueDeclarePassiveAsync(queue, stoppingToken);
                            telemetry.QueueDepth(consumer.Name, queue, declared.MessageCount);
                        }
                    }
                    backoff.Succeeded();
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // A queue the runner has not declared yet closes the channel (404); it is reopened next round.
                    await backoff.FailedAsync(e, stoppingToken);
                    continue;
                }
                await Task.Delay(options.Value.QueueDepthSampleInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (channel is not null) await Backoff.DisposeChannelAsync(channel, logger);
        }
    }
}
