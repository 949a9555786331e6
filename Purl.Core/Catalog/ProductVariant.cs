using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Purl.Core.Catalog;

/// <summary>A size, colour or pack of a product, with its own price and stock.</summary>
public sealed class ProductVariant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProductId { get; set; }
    public required string Name { get; set; }
    public string? Sku { get; set; }
    public decimal Price { get; set; }
    public int Stock { get; set; }
    /// <summary>Units of this variant held by live checkout reservations (also counted in the product's <c>Reserved</c>).</summary>
    public int Reserved { get; set; }
    public int Available => Math.Max(Stock - Reserved, 0);
    public int SortOrder { get; set; }
    public uint Version { get; set; }
}

internal sealed class ProductVariantConfiguration : IEntityTypeConfiguration<ProductVariant>
{
    public void Configure(EntityTypeBuilder<ProductVariant> b)
    {
        b.ToTable("product_variants", t =>
        {
            t.HasCheckConstraint("ck_product_variants_stock_not_negative", "stock >= 0");
            t.HasCheckConstraint("ck_product_variants_price_not_negative", "price >= 0");
            t.HasCheckConstraint("ck_product_variants_reserved_not_negative", "reserved >= 0");
        });
        b.Property(v => v.Name).HasMaxLength(100);
        b.Property(v => v.Sku).HasMaxLength(64);
        b.Property(v => v.Price).HasPrecision(Money.Precision, Money.Scale);
        b.Property(v => v.Version).IsRowVersion();
        b.HasOne<Product>().WithMany(p => p.Variants).HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.ProductId, v.Sku }).IsUnique().HasFilter("sku IS NOT NULL");
        // A product's variants in order, for every variant without a SKU too: the partial index above cannot find those,
        // and "does this product have variants?" (cart, checkout, product pages) would read the whole table.
        b.HasIndex(v => new { v.ProductId, v.SortOrder });
    }
}
