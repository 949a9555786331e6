using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Social;

namespace Purl.Core.Feed;

/// <summary>
/// How far the fan-out of one post has got, updated in the same transaction as each batch: a worker that dies mid-way
/// resumes after <see cref="LastUserId"/> instead of starting over.
/// </summary>
public sealed class FeedFanOutProgress
{
    public Guid PostId { get; set; }
    /// <summary>The last follower (in user id order) whose feed has the post; null before the first batch.</summary>
    public Guid? LastUserId { get; set; }
    public long Delivered { get; set; }
    public int Batches { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

internal sealed class FeedFanOutProgressConfiguration : IEntityTypeConfiguration<FeedFanOutProgress>
{
    public void Configure(EntityTypeBuilder<FeedFanOutProgress> b)
    {
        b.ToTable("feed_fan_outs");
        b.HasKey(p => p.PostId);
        b.HasOne<Post>().WithOne().HasForeignKey<FeedFanOutProgress>(p => p.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
