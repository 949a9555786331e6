using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Catalog;
using Purl.Core.Data;
using Purl.Core.Identity;
using Purl.Core.Social;

namespace Purl.Core.Feed;

public enum FeedSource { Following, Interests, Trending }

/// <summary>A post placed in one buyer's pre-computed feed by the fan-out worker.</summary>
public sealed class FeedItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid PostId { get; set; }
    public Guid VendorId { get; set; }
    public double Score { get; set; }
    public FeedSource Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ExpiresAt { get; set; }
}

internal sealed class FeedItemConfiguration : IEntityTypeConfiguration<FeedItem>
{
    public void Configure(EntityTypeBuilder<FeedItem> b)
    {
        b.ToTable("feed_items");
        b.Property(f => f.Source).HasEnumText(16);
        b.HasOne<PurlUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Post>().WithMany().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Vendor>().WithMany().HasForeignKey(f => f.VendorId).OnDelete(DeleteBehavior.Cascade);
        // A redelivered fan-out inserts with ON CONFLICT DO NOTHING against this.
        b.HasIndex(f => new { f.UserId, f.PostId }).IsUnique();
        b.HasIndex(f => new { f.UserId, f.Score }).IsDescending(false, true);
        // Unfollow removes one vendor's items from one feed.
        b.HasIndex(f => new { f.UserId, f.VendorId });
        b.HasIndex(f => f.ExpiresAt).HasFilter("expires_at IS NOT NULL");
        b.HasIndex(f => f.PostId);
    }
}
