using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Purl.Core.Payments;

/// <summary>An instant payment notification from Pesapal, recorded as received and processed later by the IPN worker.</summary>
public sealed class IpnEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string OrderTrackingId { get; set; }
    public string? OrderMerchantReference { get; set; }
    public string? NotificationType { get; set; }
    public DateTimeOffset ReceivedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ProcessedAt { get; set; }
    /// <summary>What processing found: the payment's status after it, or <c>unknown_payment</c>.</summary>
    public string? Outcome { get; set; }
}

internal sealed class IpnEventConfiguration : IEntityTypeConfiguration<IpnEvent>
{
    public void Configure(EntityTypeBuilder<IpnEvent> b)
    {
        b.ToTable("ipn_events");
        b.Property(e => e.OrderTrackingId).HasMaxLength(100);
        b.Property(e => e.OrderMerchantReference).HasMaxLength(50);
        b.Property(e => e.NotificationType).HasMaxLength(50);
        b.Property(e => e.Outcome).HasMaxLength(30);
        b.HasIndex(e => e.OrderTrackingId);
        b.HasIndex(e => e.ReceivedAt);
        b.HasIndex(e => e.ReceivedAt).HasFilter("processed_at IS NULL").HasDatabaseName("ix_ipn_events_unprocessed");
    }
}
