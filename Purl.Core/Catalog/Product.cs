using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Purl.Core.Catalog;

public sealed class Product
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 5000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VendorId { get; set; }
    public Guid CategoryId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public decimal Price { get; set; }
    public string Currency { get; set; } = Money.Kes;
    /// <summary>Units on hand. Reservations are counted against it, never subtracted from it until sold.</summary>
    public int Stock { get; set; }
    /// <summary>Units held by live checkout reservations; what can still be reserved is <c>Stock − Reserved</c> (see <c>StockReservations</c>).</summary>
    public int Reserved { get; set; }

    /// <summary>What buyers can still take: at least zero, since a vendor may cut stock below what is held.</summary>
    public int Available => Math.Max(Stock - Reserved, 0);

    /// <summary>"In stock" for buyers, over <c>products p</c>: something is left to hold, not merely on the shelf.</summary>
    public const string InStockSql = "p.stock > p.reserved";
    public int SoldCount { get; set; }
    public long ViewCount { get; set; }
    /// <summary>All-time popularity, computed by Postgres from views and sales (see <see cref="Popularity"/>).</summary>
    public long Popularity { get; private set; }
    public double Rating { get; set; }
    public int ReviewCount { get; set; }
    public List<string> Tags { get; set; } = [];
    /// <summary>Where the product can be picked up (the store's location, copied so radius search needs no join).</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public bool IsActive { get; set; } = true;
    public bool IsPublished { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public uint Version { get; set; }

    /// <summary>On sale to buyers: not deactivated and published by its vendor.</summary>
    public bool IsListed => IsActive && IsPublished;

    public List<ProductVariant> Variants { get; set; } = [];
    public List<ProductImage> Images { get; set; } = [];
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    /// <summary>The SQL twin of <see cref="Product.IsListed"/>, used as the predicate of the listing indexes.</summary>
    public const string ListedSql = "is_active AND is_published";

    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products", t =>
        {
            t.HasCheckConstraint("ck_products_stock_not_negative", "stock >= 0");
            t.HasCheckConstraint("ck_products_price_not_negative", "price >= 0");
            t.HasCheckConstraint("ck_products_reserved_not_negative", "reserved >= 0");
        });
        b.Property(p => p.Name).HasMaxLength(Product.NameMaxLength);
        b.Property(p => p.Description).HasMaxLength(Product.DescriptionMaxLength);
        b.Property(p => p.Popularity).HasComputedColumnSql(Catalog.Popularity.ColumnSql, stored: true);
        b.Property(p => p.Price).HasPrecision(Money.Precision, Money.Scale);
        b.Property(p => p.Currency).HasMaxLength(3).IsFixedLength().HasDefaultValue(Money.Kes);
        b.Property(p => p.Version).IsRowVersion();
        b.HasOne<Vendor>().WithMany().HasForeignKey(p => p.VendorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);

        // Category and store listings (seed 000 §2.7): newest first within what is on sale.
        b.HasIndex(p => new { p.CategoryId, p.IsActive, p.CreatedAt }).IsDescending(false, false, true);
        b.HasIndex(p => new { p.VendorId, p.IsActive, p.CreatedAt }).IsDescending(false, false, true);
        b.HasIndex(p => p.Tags).HasMethod("gin");

        // Keyset pages over what buyers see, one index per sort; (sort key, id) so every page resumes exactly.
        // Descending sorts walk the same indexes backwards.
        b.HasIndex(p => new { p.CategoryId, p.CreatedAt, p.Id }, "ix_products_listed_category_newest").HasFilter(ListedSql);
        b.HasIndex(p => new { p.CategoryId, p.Price, p.Id }, "ix_products_listed_category_price").HasFilter(ListedSql);
        b.HasIndex(p => new { p.CategoryId, p.Popularity, p.Id }, "ix_products_listed_category_popular").HasFilter(ListedSql);
        b.HasIndex(p => new { p.VendorId, p.CreatedAt, p.Id }, "ix_products_listed_vendor_newest").HasFilter(ListedSql);
    }
}
