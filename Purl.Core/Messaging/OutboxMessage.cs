using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;
using NpgsqlTypes;

namespace Purl.Core.Messaging;

/// <summary>An event waiting to be published: written in the same transaction as the change that raised it.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Type { get; init; }
    public required string RoutingKey { get; init; }
    /// <summary>The event serialised as JSON (camelCase).</summary>
    public required string Payload { get; init; }
    /// <summary>W3C trace context of the request that raised the event, so one trace spans API, queue and worker.</summary>
    public string? TraceParent { get; init; }
    public string? TraceState { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? SentAt { get; set; }
    public int PublishAttempts { get; set; }

    /// <summary>The row for an event, carrying the trace of the activity current where it is raised.</summary>
    public static OutboxMessage For(IEvent @event)
    {
        var type = @event.GetType();
        var activity = Activity.Current;
        var w3c = activity is { IdFormat: ActivityIdFormat.W3C };
        return new OutboxMessage
        {
            Type = MessagingNames.EventName(type),
            RoutingKey = MessagingNames.RoutingKey(type),
            Payload = JsonSerializer.Serialize(@event, type, MessagingNames.Json),
            TraceParent = w3c ? activity!.Id : null,
            TraceState = w3c ? activity!.TraceStateString : null,
        };
    }

    /// <summary>
    /// Inserts rows without Entity Framework, for writers that batch in plain SQL; the caller commits and then pulses
    /// <see cref="OutboxSignal"/>, as the EF interceptor does for SaveChanges.
    /// </summary>
    public static NpgsqlBatchCommand InsertCommand(IReadOnlyList<OutboxMessage> messages) => new("""
        INSERT INTO outbox_messages (id, type, routing_key, payload, trace_parent, trace_state, created_at, publish_attempts)
        SELECT id, type, routing_key, payload, trace_parent, trace_state, created_at, 0
        FROM unnest($1, $2, $3, $4, $5, $6, $7) AS m(id, type, routing_key, payload, trace_parent, trace_state, created_at)
        """)
    {
        Parameters =
        {
            new() { Value = messages.Select(m => m.Id).ToArray() },
            new() { Value = messages.Select(m => m.Type).ToArray() },
            new() { Value = messages.Select(m => m.RoutingKey).ToArray() },
            new() { Value = messages.Select(m => m.Payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            new() { Value = messages.Select(m => m.TraceParent).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new() { Value = messages.Select(m => m.TraceState).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new() { Value = messages.Select(m => m.CreatedAt).ToArray() },
        },
    };
}

/// <summary>A message a consumer has handled, recorded in the consumer's own commit so a redelivery has no second effect.</summary>
public sealed class ProcessedMessage
{
    public required Guid MessageId { get; init; }
    public required string Consumer { get; init; }
    public DateTimeOffset ProcessedAt { get; init; } = DateTimeOffset.UtcNow;
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.HasKey(m => m.Id);
        b.Property(m => m.Type).HasMaxLength(200);
        b.Property(m => m.RoutingKey).HasMaxLength(200);
        b.Property(m => m.Payload).HasColumnType("jsonb");
        b.Property(m => m.TraceParent).HasMaxLength(55);
        b.Property(m => m.TraceState).HasMaxLength(512);
        // The relay reads unsent rows oldest first; a partial index keeps that scan tiny however many rows were sent.
        b.HasIndex(m => m.CreatedAt).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_unsent");
        b.HasIndex(m => m.SentAt).HasFilter("sent_at IS NOT NULL");
    }
}

internal sealed class ProcessedMessageConfiguration : IEntityTypeConfiguration<ProcessedMessage>
{
    public void Configure(EntityTypeBuilder<ProcessedMessage> b)
    {
        b.ToTable("processed_messages");
        b.HasKey(m => new { m.MessageId, m.Consumer });
        b.Property(m => m.Consumer).HasMaxLength(100);
        b.HasIndex(m => m.ProcessedAt);
    }
}
