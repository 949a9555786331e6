using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Data;
using Purl.Core.Identity;

namespace Purl.Core.Notifications;

public enum DevicePlatform { Android, Ios, Web }

/// <summary>An FCM registration token of one of a user's devices; pruned when FCM reports it unregistered.</summary>
public sealed class DeviceToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Token { get; set; }
    public DevicePlatform Platform { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset LastSeenAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class DeviceTokenConfiguration : IEntityTypeConfiguration<DeviceToken>
{
    public void Configure(EntityTypeBuilder<DeviceToken> b)
    {
        b.ToTable("device_tokens");
        b.Property(t => t.Token).HasMaxLength(1024);
        b.Property(t => t.Platform).HasEnumText(16);
        b.HasOne<PurlUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => t.Token).IsUnique();
        b.HasIndex(t => t.UserId);
    }
}
