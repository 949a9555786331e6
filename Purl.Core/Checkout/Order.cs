using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Catalog;
using Purl.Core.Data;
using Purl.Core.Identity;

namespace Purl.Core.Checkout;

public enum OrderStatus { PendingPayment, Paid, Accepted, Shipped, Delivered, Cancelled }

/// <summary>One vendor's part of a checkout. The store's name and logo are copied so the order reads the same later.</summary>
public sealed class Order
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BuyerId { get; set; }
    public Guid VendorId { get; set; }
    public required string VendorName { get; set; }
    public string? VendorLogoUrl { get; set; }
    public OrderStatus Status { get; set; } = OrderStatus.PendingPayment;
    public decimal Total { get; set; }
    public string Currency { get; set; } = Money.Kes;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    /// <summary>When the payment completed: the day the vendor's revenue is counted on.</summary>
    public DateTimeOffset? PaidAt { get; set; }
    /// <summary>Why a cancelled order was cancelled: <c>buyer</c>, <c>vendor</c>, <c>expired</c>.</summary>
    public string? CancelReason { get; set; }
    public uint Version { get; set; }
    public List<OrderItem> Items { get; set; } = [];
}

/// <summary>A line of an order, priced and named as it was when bought.</summary>
public sealed class OrderItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrderId { get; set; }
    public Guid ProductId { get; set; }
    public Guid? VariantId { get; set; }
    public required string ProductName { get; set; }
    public string? VariantName { get; set; }
    public decimal UnitPrice { get; set; }
    public int Quantity { get; set; }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders", t => t.HasCheckConstraint("ck_orders_total_not_negative", "total >= 0"));
        b.Property(o => o.VendorName).HasMaxLength(Vendor.NameMaxLength);
        b.Property(o => o.VendorLogoUrl).HasMaxLength(500);
        b.Property(o => o.Status).HasEnumText(20);
        b.Property(o => o.CancelReason).HasMaxLength(20);
        b.Property(o => o.Total).HasPrecision(Money.TotalPrecision, Money.Scale);
        b.Property(o => o.Currency).HasMaxLength(3).IsFixedLength().HasDefaultValue(Money.Kes);
        b.Property(o => o.Version).IsRowVersion();
        b.HasOne<PurlUser>().WithMany().HasForeignKey(o => o.BuyerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Vendor>().WithMany().HasForeignKey(o => o.VendorId).OnDelete(DeleteBehavior.Restrict);
        // A vendor's orders by status, newest first (seed 000 §2.7), and all of them (the dashboard's default tab, which
        // would otherwise sort every order the store ever had); a buyer's order history.
        b.HasIndex(o => new { o.VendorId, o.Status, o.CreatedAt }).IsDescending(false, false, true);
        b.HasIndex(o => new { o.VendorId, o.CreatedAt, o.Id }).IsDescending(false, true, true);
        b.HasIndex(o => new { o.BuyerId, o.CreatedAt }).IsDescending(false, true);
    }
}

internal sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> b)
    {
        b.ToTable("order_items", t => t.HasCheckConstraint("ck_order_items_quantity_positive", "quantity > 0"));
        b.Property(i => i.ProductName).HasMaxLength(200);
        b.Property(i => i.VariantName).HasMaxLength(100);
        b.Property(i => i.UnitPrice).HasPrecision(Money.Precision, Money.Scale);
        b.HasOne<Order>().WithMany(o => o.Items).HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Product>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProductVariant>().WithMany().HasForeignKey(i => i.VariantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => i.OrderId);
        b.HasIndex(i => i.ProductId);
    }
}
