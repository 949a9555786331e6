using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Catalog;
using Purl.Core.Data;
using Purl.Core.Identity;
using Purl.Core.Social;

namespace Purl.Core.Feed;

public enum FeedSource { Following, Interests, Trending }

/// <summary>
/// A post placed in one buyer's pre-computed feed, by the fan-out worker or when the buyer follows the store.
/// One per (buyer, post): the primary key is what makes a resumed or redelivered fan-out write nothing twice.
/// </summary>
public sealed class FeedItem
{
    public Guid UserId { get; set; }
    public Guid PostId { get; set; }
    public Guid VendorId { get; set; }
    /// <summary><see cref="FeedScore"/> when the item was written; the feed reads by it, highest first.</summary>
    public double Score { get; set; }
    public FeedSource Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    /// <summary>The post's expiry when the item was written; the hourly clean-up finds expired items by it.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

internal sealed class FeedItemConfiguration : IEntityTypeConfiguration<FeedItem>
{
    public void Configure(EntityTypeBuilder<FeedItem> b)
    {
        b.ToTable("feed_items");
        b.HasKey(f => new { f.UserId, f.PostId });
        b.Property(f => f.Source).HasEnumText(16);
        b.HasOne<PurlUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Post>().WithMany().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Vendor>().WithMany().HasForeignKey(f => f.VendorId).OnDelete(DeleteBehavior.Cascade);
        // The feed read: one buyer's items by score, with the post id breaking ties for the keyset cursor.
        b.HasIndex(f => new { f.UserId, f.Score, f.PostId }).IsDescending(false, true, true);
        b.HasIndex(f => f.ExpiresAt).HasFilter("expires_at IS NOT NULL");
        b.HasIndex(f => f.PostId);
    }
}
