using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Catalog;
using Purl.Core.Data;
using Purl.Core.Identity;

namespace Purl.Core.Checkout;

public enum ReservationStatus { Active, Converted, Released, Expired }

/// <summary>Stock held for a buyer between checkout and payment (15 minutes).</summary>
public sealed class Reservation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProductId { get; set; }
    public Guid? VariantId { get; set; }
    public int Quantity { get; set; }
    public Guid UserId { get; set; }
    public Guid? OrderId { get; set; }
    public ReservationStatus Status { get; set; } = ReservationStatus.Active;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> b)
    {
        b.ToTable("reservations", t => t.HasCheckConstraint("ck_reservations_quantity_positive", "quantity > 0"));
        b.Property(r => r.Status).HasEnumText(16);
        b.HasOne<Product>().WithMany().HasForeignKey(r => r.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ProductVariant>().WithMany().HasForeignKey(r => r.VariantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PurlUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.SetNull);
        // "stock − active reservations": sums only the live holds of one product.
        b.HasIndex(r => new { r.ProductId, r.VariantId })
            .HasFilter("status = 'active'").IncludeProperties(r => r.Quantity)
            .HasDatabaseName("ix_reservations_active_product");
        // The expiry job finds what has run out.
        b.HasIndex(r => r.ExpiresAt).HasFilter("status = 'active'").HasDatabaseName("ix_reservations_active_expires_at");
        b.HasIndex(r => r.OrderId);
        b.HasIndex(r => r.UserId);
    }
}
