using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Purl.Core.Catalog;

/// <summary>A product photo, stored content-addressed and served at <c>/media/{hash}.{ext}</c>.</summary>
public sealed class ProductImage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProductId { get; set; }
    /// <summary>Lowercase hex SHA-256 of the stored bytes.</summary>
    public required string Hash { get; set; }
    public required string Ext { get; set; }
    public int SortOrder { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> b)
    {
        b.ToTable("product_images");
        b.Property(i => i.Hash).HasMaxLength(64);
        b.Property(i => i.Ext).HasMaxLength(8);
        b.HasOne<Product>().WithMany(p => p.Images).HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => new { i.ProductId, i.SortOrder });
    }
}
