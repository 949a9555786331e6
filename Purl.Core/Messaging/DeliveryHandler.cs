using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Purl.Core.Data;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Purl.Core.Messaging;

/// <summary>
/// Settles one delivery: handle it once (recording it in <c>processed_messages</c> in the handler's commit), then ack;
/// on failure, move a copy to the next retry queue or the dead-letter queue (confirmed) before acking the original,
/// so a poison message never holds up the rest of its queue.
/// </summary>
internal sealed class DeliveryHandler(
    IServiceScopeFactory scopes,
    MessagingTelemetry telemetry,
    IOptions<MessagingOptions> options,
    ILogger<DeliveryHandler> logger)
{
    public async Task HandleAsync(IChannel channel, ConsumerGroup consumer, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        var properties = delivery.BasicProperties;
        var attempt = MessageHeaders.Attempt(properties);
        using var activity = MessagingTelemetry.ActivitySource.StartActivity($"{consumer.Queue} process", ActivityKind.Consumer, MessageHeaders.Parent(properties));
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", MessagingNames.Exchange);
        activity?.SetTag("messaging.rabbitmq.destination.routing_key", delivery.RoutingKey);
        activity?.SetTag("messaging.consumer.group.name", consumer.Queue);
        activity?.SetTag("messaging.message.id", properties.MessageId);
        activity?.SetTag("purl.messaging.attempt", attempt);

        if (!Guid.TryParse(properties.MessageId, out var messageId) || !consumer.Bindings.TryGetValue(properties.Type ?? "", out var binding))
        {
            var reason = new InvalidDataException($"Message '{properties.MessageId}' of type '{properties.Type}' is not a Purl event {consumer.Name} handles.");
            await DeadLetterAsync(channel, consumer, delivery, attempt, reason, cancellationToken);
            return;
        }
        object message;
        try
        {
            message = binding.Deserialize(delivery.Body.Span);
        }
        catch (JsonException e)
        {
            // Retrying cannot fix a body that does not parse.
            await DeadLetterAsync(channel, consumer, delivery, attempt, e, cancellationToken);
            return;
        }

        Exception? failure = null;
        var handled = false;
        try
        {
            handled = await HandleOnceAsync(consumer, binding, message, messageId, attempt, delivery.Redelivered, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            failure = e;
        }

        if (failure is null)
        {
            telemetry.Consumed(consumer.Name, duplicate: !handled);
            if (handled && options.Value.PauseAfterCommit > TimeSpan.Zero)
                await Task.Delay(options.Value.PauseAfterCommit, cancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            return;
        }

        activity?.AddException(failure);
        activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
        telemetry.Failed(consumer.Name);
        var delays = options.Value.EffectiveRetryDelays;
        if (attempt > delays.Count)
        {
            await DeadLetterAsync(channel, consumer, delivery, attempt, failure, cancellationToken);
            return;
        }
        var delay = delays[attempt - 1];
        logger.LogWarning(failure, "{Consumer} failed on message {MessageId} (attempt {Attempt}), retrying in {Delay}: {Error}",
            consumer.Name, messageId, attempt, delay, failure.Message);
        await RepublishAsync(channel, MessagingNames.RetryQueue(consumer.Name, delay), delivery, attempt + 1, null, cancellationToken);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
    }

    /// <returns>False when the message had already been handled by this consumer (a redelivery or a re-publish).</returns>
    private async Task<bool> HandleOnceAsync(ConsumerGroup consumer, ConsumerBinding binding, object message, Guid messageId,
        int attempt, bool redelivered, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PurlDbContext>();
        var context = new ConsumeContext { MessageId = messageId, Db = db, Attempt = attempt, Redelivered = redelivered };

        if (consumer.AtLeastOnce)
        {
            await binding.InvokeAsync(scope.ServiceProvider, message, context, cancellationToken);
            return true;
        }

        if (consumer.HandlesOwnTransactions)
        {
            if (await db.ProcessedMessages.AnyAsync(p => p.MessageId == messageId && p.Consumer == consumer.Name, cancellationToken))
                return false;
            await binding.InvokeAsync(scope.ServiceProvider, message, context, cancellationToken);
            await RecordProcessedAsync(db, messageId, consumer.Name, cancellationToken);
            return true;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The primary key makes a concurrent second delivery wait here for the first one's commit, then insert nothing.
        if (await RecordProcessedAsync(db, messageId, consumer.Name, cancellationToken) == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return false;
        }
        await binding.InvokeAsync(scope.ServiceProvider, message, context, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static Task<int> RecordProcessedAsync(PurlDbContext db, Guid messageId, string consumer, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO processed_messages (message_id, consumer, processed_at) VALUES ({messageId}, {consumer}, now()) ON CONFLICT DO NOTHING",
            cancellationToken);

    private async Task DeadLetterAsync(IChannel channel, ConsumerGroup consumer, BasicDeliverEventArgs delivery, int attempt, Exception reason, CancellationToken cancellationToken)
    {
        logger.LogError(reason, "{Consumer} gave up on message {MessageId} after {Attempt} attempts, moved it to {Queue}: {Error}",
            consumer.Name, delivery.BasicProperties.MessageId, attempt, consumer.DeadLetterQueue, reason.Message);
        await RepublishAsync(channel, consumer.DeadLetterQueue, delivery, attempt, reason, cancellationToken);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
        telemetry.DeadLettered(consumer.Name);
    }

    /// <summary>Publishes a copy straight to a queue (default exchange), mandatory and confirmed, so the original is acked only once the copy is safe.</summary>
    private static async Task RepublishAsync(IChannel channel, string queue, BasicDeliverEventArgs delivery, int attempt, Exception? reason, CancellationToken cancellationToken)
    {
        var source = delivery.BasicProperties;
        var headers = new Dictionary<string, object?>();
        foreach (var (key, value) in source.Headers ?? new Dictionary<string, object?>())
        {
            // The broker's dead-letter history and the client's sequence number belong to the old message.
            if (key.StartsWith("x-death", StringComparison.Ordinal) || key.StartsWith("x-first-death", StringComparison.Ordinal)
                || key.StartsWith("x-last-death", StringComparison.Ordinal) || key == Constants.PublishSequenceNumberHeader)
                continue;
            headers[key] = value;
        }
        headers[MessagingNames.AttemptHeader] = attempt;
        if (reason is not null)
        {
            headers[MessagingNames.ExceptionHeader] = reason.Message.Length > 2000 ? reason.Message[..2000] : reason.Message;
            headers[MessagingNames.ExceptionTypeHeader] = reason.GetType().FullName;
        }
        var properties = new BasicProperties
        {
            MessageId = source.MessageId,
            Type = source.Type,
            ContentType = source.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = source.Timestamp,
            Headers = headers,
        };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, delivery.Body, cancellationToken);
    }
}
