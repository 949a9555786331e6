using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Identity;

namespace Purl.Core.Social;

/// <summary>That a buyer has seen a story (drives "seen" and "hasUnseen"); the count itself is a counter.</summary>
public sealed class StoryView
{
    public Guid StoryId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset ViewedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class StoryViewConfiguration : IEntityTypeConfiguration<StoryView>
{
    public void Configure(EntityTypeBuilder<StoryView> b)
    {
        b.ToTable("story_views");
        b.HasKey(v => new { v.StoryId, v.UserId });
        b.HasOne<Story>().WithMany().HasForeignKey(v => v.StoryId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PurlUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.UserId, v.StoryId });
    }
}
