using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Purl.Core.Catalog;

/// <summary>A product photo, stored content-addressed and served at <c>/media/{hash}.{ext}</c>.</summary>
public sealed class ProductImage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProductId { get; set; }
    /// <summary>Lowercase hex SHA-256 of the display-size file's bytes (its name under <c>/media</c>).</summary>
    public required string Hash { get; set; }
    /// <summary>Lowercase hex SHA-256 of the thumbnail's bytes.</summary>
    public required string ThumbnailHash { get; set; }
    /// <summary>The extension of both files (they share a format).</summary>
    public required string Ext { get; set; }
    /// <summary>The display-size file's pixels.</summary>
    public int Width { get; set; }
    public int Height { get; set; }
    public int SortOrder { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// Which of a product's images <c>i</c> is its cover, wherever SQL picks one: the lowest sort order, then the oldest
    /// (ids are time-ordered).
    /// </summary>
    public const string CoverOrderSql = "ORDER BY i.sort_order, i.id LIMIT 1";

    /// <summary>The display-size URL of image <c>i</c>, as <see cref="Media.MediaStore.UrlOf"/> builds it.</summary>
    public const string UrlSql = "'/media/' || i.hash || '.' || i.ext";
}

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> b)
    {
        b.ToTable("product_images");
        b.Property(i => i.Hash).HasMaxLength(64);
        b.Property(i => i.ThumbnailHash).HasMaxLength(64);
        b.Property(i => i.Ext).HasMaxLength(8);
        b.HasOne<Product>().WithMany(p => p.Images).HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => new { i.ProductId, i.SortOrder });
    }
}
