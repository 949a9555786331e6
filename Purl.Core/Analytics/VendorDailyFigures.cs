using Purl.Core.Data;

namespace Purl.Core.Analytics;

/// <summary>Adds to a store's figures for one Africa/Nairobi day, in the caller's transaction (one upsert, no read).</summary>
public static class VendorDailyFigures
{
    /// <summary>A paid order counts on the day it was paid; a refunded one is taken off that same day.</summary>
    public static Task AddOrderAsync(PurlDbContext db, Guid vendorId, DateTimeOffset paidAt, int orders, decimal revenue, CancellationToken ct) =>
        db.ExecuteAsync("""
            INSERT INTO vendor_daily_stats (vendor_id, day, orders, revenue, views, likes, new_followers)
            VALUES ($1, $2, $3, $4, 0, 0, 0)
            ON CONFLICT (vendor_id, day) DO UPDATE SET
                orders = vendor_daily_stats.orders + excluded.orders,
                revenue = vendor_daily_stats.revenue + excluded.revenue
            """, ct, vendorId, NairobiTime.Day(paidAt), orders, revenue);
}
