using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Identity;

namespace Purl.Core.Catalog;

/// <summary>A vendor's store. One per owner; the owner is a user with the vendor role.</summary>
public sealed class Vendor
{
    public const int NameMaxLength = 80;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OwnerUserId { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Description { get; set; }
    public string? LogoUrl { get; set; }
    public string? City { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public bool IsVerified { get; set; }
    public double Rating { get; set; }
    public long FollowerCount { get; set; }
    public int ProductCount { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public uint Version { get; set; }
}

internal sealed class VendorConfiguration : IEntityTypeConfiguration<Vendor>
{
    public void Configure(EntityTypeBuilder<Vendor> b)
    {
        b.ToTable("vendors");
        b.Property(v => v.Name).HasMaxLength(Vendor.NameMaxLength);
        b.Property(v => v.Slug).HasMaxLength(100);
        b.Property(v => v.Description).HasMaxLength(2000);
        b.Property(v => v.LogoUrl).HasMaxLength(500);
        b.Property(v => v.City).HasMaxLength(80);
        b.Property(v => v.Version).IsRowVersion();
        b.HasIndex(v => v.Slug).IsUnique();
        b.HasIndex(v => v.OwnerUserId).IsUnique();
        b.HasOne<PurlUser>().WithMany().HasForeignKey(v => v.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
