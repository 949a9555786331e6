using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Catalog;

namespace Purl.Core.Social;

/// <summary>A 24-hour photo or video from a store.</summary>
public sealed class Story
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VendorId { get; set; }
    public required string MediaUrl { get; set; }
    public string? Caption { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public long ViewCount { get; set; }

    public static Story Create(Guid vendorId, string mediaUrl, DateTimeOffset now) =>
        new() { VendorId = vendorId, MediaUrl = mediaUrl, CreatedAt = now, ExpiresAt = now + Lifetime };
}

internal sealed class StoryConfiguration : IEntityTypeConfiguration<Story>
{
    public void Configure(EntityTypeBuilder<Story> b)
    {
        b.ToTable("stories");
        b.Property(s => s.MediaUrl).HasMaxLength(500);
        b.Property(s => s.Caption).HasMaxLength(500);
        b.HasOne<Vendor>().WithMany().HasForeignKey(s => s.VendorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.VendorId, s.ExpiresAt });
        b.HasIndex(s => s.ExpiresAt);
    }
}
