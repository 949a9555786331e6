using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Purl.Core.Catalog;

namespace Purl.Core.Analytics;

/// <summary>One store's figures for one Africa/Nairobi calendar day; the dashboard's charts read these rollups.</summary>
public sealed class VendorDailyStat
{
    public Guid VendorId { get; set; }
    public DateOnly Day { get; set; }
    public int Orders { get; set; }
    public decimal Revenue { get; set; }
    public long Views { get; set; }
    public long Likes { get; set; }
    public int NewFollowers { get; set; }
}

internal sealed class VendorDailyStatConfiguration : IEntityTypeConfiguration<VendorDailyStat>
{
    public void Configure(EntityTypeBuilder<VendorDailyStat> b)
    {
        b.ToTable("vendor_daily_stats");
        b.HasKey(s => new { s.VendorId, s.Day });
        b.Property(s => s.Revenue).HasPrecision(Money.TotalPrecision, Money.Scale);
        b.HasOne<Vendor>().WithMany().HasForeignKey(s => s.VendorId).OnDelete(DeleteBehavior.Cascade);
    }
}
