using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Identity;

namespace Purl.Core.Notifications;

/// <summary>An entry in a user's in-app inbox; the same content is pushed to their devices.</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    /// <summary>What happened, as a dotted name (<c>order.shipped</c>, <c>post.published</c>).</summary>
    public required string Type { get; set; }
    public required string Title { get; set; }
    public string? Body { get; set; }
    /// <summary>Extra key/values for the app to deep-link with, as a JSON object.</summary>
    public string? Data { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(n => n.Type).HasMaxLength(50);
        b.Property(n => n.Title).HasMaxLength(200);
        b.Property(n => n.Body).HasMaxLength(1000);
        b.Property(n => n.Data).HasColumnType("jsonb");
        b.HasOne<PurlUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(n => new { n.UserId, n.CreatedAt }).IsDescending(false, true);
        b.HasIndex(n => n.UserId).HasFilter("read_at IS NULL").HasDatabaseName("ix_notifications_unread");
    }
}
