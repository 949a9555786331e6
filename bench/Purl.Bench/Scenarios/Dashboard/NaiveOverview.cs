using Npgsql;
using Purl.Core.Analytics;
using Purl.Core.Checkout;

namespace Purl.Bench.Dashboard;

/// <summary>
/// The overview's sales figures the naive way, straight from the orders table: per-day orders and revenue over the range
/// and the range before it, and the best sellers from the order lines. What the dashboard would cost without rollups.
/// </summary>
public static class NaiveOverview
{
    /// <summary>The orders a store's revenue counts: paid and onwards, never waiting for payment or cancelled.</summary>
    public static bool Counts(OrderStatus status) => status is not (OrderStatus.PendingPayment or OrderStatus.Cancelled);

    private const string DaysSql = """
        SELECT (o.created_at AT TIME ZONE 'Africa/Nairobi')::date AS day, count(*) AS orders, sum(o.total) AS revenue
        FROM orders o
        WHERE o.vendor_id = $1 AND o.status NOT IN ('pending_payment', 'cancelled') AND o.created_at >= $2
        GROUP BY 1
        """;

    private const string TopSql = """
        SELECT i.product_id, min(i.product_name), sum(i.quantity) AS sold
        FROM order_items i JOIN orders o ON o.id = i.order_id
        WHERE o.vendor_id = $1 AND o.status NOT IN ('pending_payment', 'cancelled')
        GROUP BY i.product_id
        ORDER BY sold DESC
        LIMIT 5
        """;

    public sealed record Figures(decimal Revenue, int Orders, decimal PreviousRevenue, int PreviousOrders, int Days, int TopProducts);

    public static async Task<Figures> LoadAsync(NpgsqlDataSource dataSource, Guid vendorId, int days, DateTimeOffset now, CancellationToken ct)
    {
        var to = NairobiTime.Day(now);
        var from = to.AddDays(1 - days);
        var previousFrom = from.AddDays(-days);
        var since = new DateTimeOffset(previousFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(3)).ToUniversalTime();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        decimal revenue = 0, previousRevenue = 0;
        int orders = 0, previousOrders = 0, rows = 0, top = 0;
        await using (var command = new NpgsqlCommand(DaysSql, connection) { Parameters = { new() { Value = vendorId }, new() { Value = since } } })
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var day = DateOnly.FromDateTime(reader.GetDateTime(0));
                rows++;
                if (day > to) continue;
                if (day >= from) { orders += (int)reader.GetInt64(1); revenue += reader.GetDecimal(2); }
                else { previousOrders += (int)reader.GetInt64(1); previousRevenue += reader.GetDecimal(2); }
            }
        }
        await using (var command = new NpgsqlCommand(TopSql, connection) { Parameters = { new() { Value = vendorId } } })
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) top++;
        }
        return new Figures(revenue, orders, previousRevenue, previousOrders, rows, top);
    }
}
