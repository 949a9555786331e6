using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Checkout;
using Purl.Core.Data;
using Purl.Core.Identity;

namespace Purl.Core.Payments;

/// <summary>
/// initiating (the row exists, Pesapal is being asked) → pending (the buyer has the payment page) → completed or failed.
/// A completed payment that cannot be fulfilled goes refunding → refunded. Reversed is Pesapal's own reversal.
/// </summary>
public enum PaymentStatus { Initiating, Pending, Completed, Failed, Refunding, Refunded, Reversed }

/// <summary>One attempt to pay an order through Pesapal. The buyer's idempotency key makes a replay return this row.</summary>
public sealed class Payment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrderId { get; set; }
    public Guid BuyerId { get; set; }
    public required string IdempotencyKey { get; set; }
    public PaymentStatus Status { get; set; } = PaymentStatus.Pending;
    public decimal Amount { get; set; }
    public string Currency { get; set; } = Money.Kes;
    /// <summary>Our id for the payment at Pesapal (their <c>id</c> / <c>merchant_reference</c>).</summary>
    public required string MerchantReference { get; set; }
    /// <summary>Pesapal's <c>order_tracking_id</c>, known once the order is submitted.</summary>
    public string? OrderTrackingId { get; set; }
    public string? RedirectUrl { get; set; }
    public string? PaymentMethod { get; set; }
    public string? ConfirmationCode { get; set; }
    /// <summary>Why the payment failed or is being refunded, in words for the buyer and support.</summary>
    public string? FailureReason { get; set; }
    /// <summary>When reconciliation should next ask Pesapal about a pending payment (a lost IPN must not lose a sale).</summary>
    public DateTimeOffset? CheckAfter { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public uint Version { get; set; }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.ToTable("payments", t => t.HasCheckConstraint("ck_payments_amount_positive", "amount > 0"));
        b.Property(p => p.IdempotencyKey).HasMaxLength(100);
        b.Property(p => p.Status).HasEnumText(16);
        b.Property(p => p.Amount).HasPrecision(Money.TotalPrecision, Money.Scale);
        b.Property(p => p.Currency).HasMaxLength(3).IsFixedLength().HasDefaultValue(Money.Kes);
        b.Property(p => p.MerchantReference).HasMaxLength(50);
        b.Property(p => p.OrderTrackingId).HasMaxLength(100);
        b.Property(p => p.RedirectUrl).HasMaxLength(1000);
        b.Property(p => p.PaymentMethod).HasMaxLength(50);
        b.Property(p => p.ConfirmationCode).HasMaxLength(100);
        b.Property(p => p.FailureReason).HasMaxLength(300);
        b.Property(p => p.Version).IsRowVersion();
        b.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PurlUser>().WithMany().HasForeignKey(p => p.BuyerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.BuyerId, p.IdempotencyKey }).IsUnique();
        b.HasIndex(p => p.OrderTrackingId).IsUnique();
        b.HasIndex(p => p.MerchantReference).IsUnique();
        // An order's payments, latest first.
        b.HasIndex(p => new { p.OrderId, p.CreatedAt });
        // One live payment per order: a second Idempotency-Key while one is being started or is pending finds that one.
        b.HasIndex(p => p.OrderId, "ix_payments_order_id_live").IsUnique().HasFilter("status IN ('initiating', 'pending')")
            .HasDatabaseName("ix_payments_order_id_live");
        // Reconciliation asks Pesapal about payments still pending after a while.
        b.HasIndex(p => new { p.Status, p.CreatedAt });
        b.HasIndex(p => p.CheckAfter).HasFilter("status IN ('pending', 'refunding')").HasDatabaseName("ix_payments_check_after");
    }
}
