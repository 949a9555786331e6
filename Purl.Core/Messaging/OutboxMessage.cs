using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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
