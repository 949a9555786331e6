using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Purl.Core.Data;
using RabbitMQ.Client;

namespace Purl.Core.Messaging;

/// <summary>
/// Publishes committed outbox rows to <c>purl.events</c>. Each batch is locked with <c>FOR UPDATE SKIP LOCKED</c>, so
/// relays in several hosts never publish the same row at the same time; a row is marked sent only after RabbitMQ
/// confirmed it, in the same transaction. A crash after publishing and before that commit publishes the row again
/// later, which consumers absorb (they dedupe on the message id).
/// </summary>
public sealed class OutboxRelay(
    IServiceScopeFactory scopes,
    RabbitMqConnection rabbit,
    MessagingTopology topology,
    OutboxSignal signal,
    MessagingTelemetry telemetry,
    IOptions<MessagingOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromSeconds(60);
    private IChannel? _channel;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new Backoff(logger, "Publishing the outbox", options.Value.MaxBackoff);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                bool more;
                try
                {
                    // A batch is not cut short by the host stopping (that would re-publish what was just confirmed), only by its deadline.
                    using var deadline = new CancellationTokenSource(BatchTimeout);
                    more = await RelayBatchAsync(deadline.Token);
                    backoff.Succeeded();
                }
                catch (Exception e)
                {
                    await DropChannelAsync();
                    await backoff.FailedAsync(e, stoppingToken);
                    continue;
                }
                if (!more) await signal.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever was not marked sent is published by the next relay to run.
        }
        finally
        {
            await DropChannelAsync();
        }
    }

    /// <returns>Whether a full batch was published, so more rows may be waiting.</returns>
    private async Task<bool> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var size = options.Value.OutboxBatchSize;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PurlDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL ORDER BY created_at LIMIT {size} FOR UPDATE SKIP LOCKED")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        telemetry.OldestUnsent(batch.Count > 0 ? batch[0].CreatedAt : null);
        if (batch.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        var channel = await GetChannelAsync(cancellationToken);
        using var confirmTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        confirmTimeout.CancelAfter(ConfirmTimeout);
        var outcomes = await Task.WhenAll(batch.Select(m => PublishAsync(channel, m, confirmTimeout.Token, cancellationToken)));

        var sent = outcomes.Where(o => o.Error is null).Select(o => o.Id).ToList();
        var failed = outcomes.Where(o => o.Error is not null).ToList();
        var now = DateTimeOffset.UtcNow;
        if (sent.Count > 0)
            await db.OutboxMessages.Where(m => sent.Contains(m.Id)).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.PublishAttempts, m => m.PublishAttempts + 1), cancellationToken);
        if (failed.Count > 0)
        {
            var failedIds = failed.Select(o => o.Id).ToList();
            await db.OutboxMessages.Where(m => failedIds.Contains(m.Id)).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.PublishAttempts, m => m.PublishAttempts + 1), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        telemetry.Published(sent.Count);

        if (failed.Count > 0)
            throw new IOException($"RabbitMQ did not confirm {failed.Count} of {batch.Count} outbox messages; they stay unsent: {failed[0].Error!.Message}", failed[0].Error);
        return batch.Count == size;
    }

    private static async Task<(Guid Id, Exception? Error)> PublishAsync(IChannel channel, OutboxMessage message, CancellationToken confirmTimeout, CancellationToken stopping)
    {
        try
        {
            var parent = ActivityContext.TryParse(message.TraceParent, message.TraceState, isRemote: true, out var context) ? context : default;
            using var activity = MessagingTelemetry.ActivitySource.StartActivity($"{MessagingNames.Exchange} publish", ActivityKind.Producer, parent);
            activity?.SetTag("messaging.system", "rabbitmq");
            activity?.SetTag("messaging.destination.name", MessagingNames.Exchange);
            activity?.SetTag("messaging.rabbitmq.destination.routing_key", message.RoutingKey);
            activity?.SetTag("messaging.message.id", message.Id.ToString());

            var headers = new Dictionary<string, object?>();
            if ((activity?.Id ?? message.TraceParent) is { } traceParent) headers[MessagingNames.TraceParentHeader] = traceParent;
            if ((activity?.TraceStateString ?? message.TraceState) is { } traceState) headers[MessagingNames.TraceStateHeader] = traceState;
            var properties = new BasicProperties
            {
                MessageId = message.Id.ToString(),
                Type = message.Type,
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
                Timestamp = new AmqpTimestamp(message.CreatedAt.ToUnixTimeSeconds()),
                Headers = headers,
            };
            // Not mandatory: an event nobody subscribes to yet (VendorChanged today) is not an error.
            await channel.BasicPublishAsync(MessagingNames.Exchange, message.RoutingKey, mandatory: false, properties,
                Encoding.UTF8.GetBytes(message.Payload), confirmTimeout);
            return (message.Id, null);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            return (message.Id, e);
        }
    }

    private async Task<IChannel> GetChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open) return open;
        await DropChannelAsync();
        var connection = await rabbit.GetAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        try
        {
            await topology.DeclareAllAsync(channel, cancellationToken);
        }
        catch
        {
            await Backoff.DisposeChannelAsync(channel, logger);
            throw;
        }
        _channel = channel;
        return channel;
    }

    private async Task DropChannelAsync()
    {
        if (_channel is not { } channel) return;
        _channel = null;
        await Backoff.DisposeChannelAsync(channel, logger);
    }
}
