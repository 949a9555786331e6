using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Catalog;

namespace Purl.Core.Social;

public sealed class Post
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VendorId { get; set; }
    public string? Caption { get; set; }
    /// <summary>Media URLs, in display order.</summary>
    public List<string> Images { get; set; } = [];
    public List<Guid> TaggedProductIds { get; set; } = [];
    /// <summary>The tagged products' cards as JSON, kept by <see cref="TaggedProducts"/>; never written from here.</summary>
    public string TaggedProductCards { get; private set; } = "[]";
    public bool IsPremium { get; set; }
    /// <summary>False once the vendor deletes it: it leaves every feed at once, and the hourly clean-up removes it.</summary>
    public bool IsActive { get; set; } = true;
    /// <summary>When the post leaves feeds; null keeps it until deleted.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public long LikeCount { get; set; }
    public long ViewCount { get; set; }
    public long ShareCount { get; set; }
    public long CommentCount { get; set; }
    /// <summary><see cref="Feed.FeedScore"/> at publication: the rank of this post where feeds merge it in at read time.</summary>
    public double FeedScore { get; set; }
    /// <summary>
    /// The store had more followers than <c>Feed:FanOutFollowerThreshold</c> when this was published: it is not fanned
    /// out, and followers' feeds merge it in when they are read.
    /// </summary>
    public bool MergedAtRead { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> b)
    {
        b.ToTable("posts");
        b.Property(p => p.Caption).HasMaxLength(2200);
        b.Property(p => p.TaggedProductCards).HasColumnName("tagged_products").HasColumnType("jsonb").HasDefaultValueSql("'[]'::jsonb");
        // Which posts tag a product, when the product changes.
        b.HasIndex(p => p.TaggedProductIds).HasMethod("gin");
        b.HasOne<Vendor>().WithMany().HasForeignKey(p => p.VendorId).OnDelete(DeleteBehavior.Cascade);
        // A store's posts, newest first (seed 000 §2.7), and discovery over everything still live.
        b.HasIndex(p => new { p.VendorId, p.CreatedAt }).IsDescending(false, true);
        b.HasIndex(p => p.CreatedAt).IsDescending().HasFilter("is_active").HasDatabaseName("ix_posts_active_created_at");
        b.HasIndex(p => p.ExpiresAt).HasFilter("expires_at IS NOT NULL");
        // Feeds merge big stores' posts in at read time, by the same order as feed items.
        b.HasIndex(p => new { p.VendorId, p.FeedScore, p.Id }).IsDescending(false, true, true)
            .HasFilter("merged_at_read AND is_active").HasDatabaseName("ix_posts_merged_at_read");
    }
}
