using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Identity;

namespace Purl.Core.Social;

/// <summary>One like per buyer per post: the primary key makes a second like a no-op.</summary>
public sealed class PostLike
{
    public Guid PostId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset LikedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class PostLikeConfiguration : IEntityTypeConfiguration<PostLike>
{
    public void Configure(EntityTypeBuilder<PostLike> b)
    {
        b.ToTable("post_likes");
        b.HasKey(l => new { l.PostId, l.UserId });
        b.HasOne<Post>().WithMany().HasForeignKey(l => l.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PurlUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        // likedByMe for a page of posts: WHERE user_id = @me AND post_id = ANY(@page).
        b.HasIndex(l => new { l.UserId, l.PostId });
    }
}
