using Microsoft.EntityFrameworkCore;
using Purl.Api.Client.Analytics;
using Purl.Core.Data;

namespace Purl.Core.Analytics;

/// <summary>
/// The dashboard's overview: a few rows of <c>vendor_daily_stats</c> for the range and the one before it, plus the
/// store's best sellers. At 6 PM ten thousand vendors load this; it never scans orders.
/// </summary>
public static class VendorOverviews
{
    public static bool TryParseRange(string? range, out int days)
    {
        days = range switch { null or "" or "today" => 1, "7d" => 7, "30d" => 30, _ => 0 };
        return days > 0;
    }

    public static async Task<OverviewResponse> LoadAsync(PurlDbContext db, Guid vendorId, string range, DateTimeOffset now, CancellationToken ct)
    {
        if (!TryParseRange(range, out var days)) throw new ArgumentOutOfRangeException(nameof(range), range, "Unknown range.");
        var to = NairobiTime.Day(now);
        var from = to.AddDays(1 - days);
        var previousFrom = from.AddDays(-days);

        var rows = await db.VendorDailyStats.AsNoTracking()
            .Where(s => s.VendorId == vendorId && s.Day >= previousFrom && s.Day <= to)
            .ToDictionaryAsync(s => s.Day, ct);
        var topProducts = await db.Products.AsNoTracking()
            .Where(p => p.VendorId == vendorId && p.IsActive)
            .OrderByDescending(p => p.SoldCount).ThenByDescending(p => p.ViewCount)
            .Take(5)
            .Select(p => new TopProduct(p.Id, p.Name, p.Price, p.Currency, p.SoldCount, p.ViewCount))
            .ToListAsync(ct);

        var series = Days(from, to).Select(day => ToDay(day, rows.GetValueOrDefault(day))).ToList();
        var previous = Days(previousFrom, from.AddDays(-1)).Select(day => ToDay(day, rows.GetValueOrDefault(day))).ToList();
        return new OverviewResponse(range is null or "" ? "today" : range, from, to, Money.Kes, Sum(series), Sum(previous), series, topProducts);
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1)) yield return day;
    }

    private static OverviewDay ToDay(DateOnly day, VendorDailyStat? stat) =>
        new(day, stat?.Revenue ?? 0, stat?.Orders ?? 0, stat?.Views ?? 0, stat?.Likes ?? 0, stat?.NewFollowers ?? 0);

    private static OverviewTotals Sum(IReadOnlyList<OverviewDay> days)
    {
        var views = days.Sum(d => d.Views);
        var orders = days.Sum(d => d.Orders);
        return new OverviewTotals(days.Sum(d => d.Revenue), orders, views, days.Sum(d => d.Likes), days.Sum(d => d.NewFollowers),
            views == 0 ? null : Math.Round((decimal)orders / views, 4));
    }
}
