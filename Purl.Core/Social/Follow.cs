using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Catalog;
using Purl.Core.Identity;

namespace Purl.Core.Social;

/// <summary>A buyer follows a store. A fact: the row exists before the API answers 2xx.</summary>
public sealed class Follow
{
    public Guid UserId { get; set; }
    public Guid VendorId { get; set; }
    public DateTimeOffset FollowedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class FollowConfiguration : IEntityTypeConfiguration<Follow>
{
    public void Configure(EntityTypeBuilder<Follow> b)
    {
        b.ToTable("follows");
        b.HasKey(f => new { f.UserId, f.VendorId });
        b.HasOne<PurlUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Vendor>().WithMany().HasForeignKey(f => f.VendorId).OnDelete(DeleteBehavior.Cascade);
        // Fan-out pages through a vendor's followers in user id order; history charts read by followed_at.
        b.HasIndex(f => new { f.VendorId, f.UserId });
        b.HasIndex(f => new { f.VendorId, f.FollowedAt });
        // "Vendors I follow", most recent first.
        b.HasIndex(f => new { f.UserId, f.FollowedAt }).IsDescending(false, true);
    }
}
