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
    public bool IsPremium { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>When the post leaves feeds; null keeps it until deleted.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public long LikeCount { get; set; }
    public long ViewCount { get; set; }
    public long ShareCount { get; set; }
    public long CommentCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> b)
    {
        b.ToTable("posts");
        b.Property(p => p.Caption).HasMaxLength(2200);
        b.HasOne<Vendor>().WithMany().HasForeignKey(p => p.VendorId).OnDelete(DeleteBehavior.Cascade);
        // A store's posts, newest first (seed 000 §2.7), and discovery over everything still live.
        b.HasIndex(p => new { p.VendorId, p.CreatedAt }).IsDescending(false, true);
        b.HasIndex(p => p.CreatedAt).IsDescending().HasFilter("is_active").HasDatabaseName("ix_posts_active_created_at");
        b.HasIndex(p => p.ExpiresAt).HasFilter("expires_at IS NOT NULL");
    }
}
