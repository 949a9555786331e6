using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Data;

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
    /// <summary>The post's expiry when the item was written (reads and the clean-up go by the post's own expiry).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

internal sealed class FeedItemConfiguration : IEntityTypeConfiguration<FeedItem>
{
    public void Configure(EntityTypeBuilder<FeedItem> b)
    {
        b.ToTable("feed_items");
        b.HasKey(f => new { f.UserId, f.PostId });
        b.Property(f => f.Source).HasEnumText(16);
        // No foreign keys: this is derived data written 200,000 rows at a time, and three referential checks per row
        // nearly doubled a fan-out. Reads join the posts (an item of a missing or deleted post never shows), and the
        // hourly clean-up removes the items of deleted and expired posts.
        // The feed read: one buyer's items by score, with the post id breaking ties for the keyset cursor.
        b.HasIndex(f => new { f.UserId, f.Score, f.PostId }).IsDescending(false, true, true);
        // The clean-up of one post's items.
        b.HasIndex(f => f.PostId);
    }
}
