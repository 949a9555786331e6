using Refit;

namespace Purl.Api.Client.Analytics;

public static class AnalyticsRoutes
{
    public const string Overview = "/vendor/analytics/overview";
    public const string VendorHub = "/hubs/vendor";

    /// <summary>The ranges the overview understands: today, the last 7 and the last 30 Africa/Nairobi days.</summary>
    public static readonly IReadOnlyList<string> Ranges = ["today", "7d", "30d"];
}

/// <summary>A store's figures over a range of Africa/Nairobi days, read from daily rollups (never from the orders table).</summary>
public sealed record OverviewResponse(
    string Range,
    DateOnly From,
    DateOnly To,
    string Currency,
    OverviewTotals Totals,
    OverviewTotals Previous,
    IReadOnlyList<OverviewDay> Series,
    IReadOnlyList<TopProduct> TopProducts);

/// <param name="ConversionRate">Orders per product or post view, null when there were no views.</param>
public sealed record OverviewTotals(decimal Revenue, int Orders, long Views, long Likes, int NewFollowers, decimal? ConversionRate);

public sealed record OverviewDay(DateOnly Day, decimal Revenue, int Orders, long Views, long Likes, int NewFollowers);

public sealed record TopProduct(Guid Id, string Name, decimal Price, string Currency, int SoldCount, long ViewCount);

public interface IAnalyticsApi
{
    [Get(AnalyticsRoutes.Overview)]
    Task<OverviewResponse> GetOverviewAsync([Query] string range = "today", CancellationToken ct = default);
}

/// <summary>What the vendor hub pushes to a vendor's open dashboards (and to nobody else's).</summary>
public static class VendorHubMessages
{
    public const string OrderPlaced = "orderPlaced";
    public const string PaymentCompleted = "paymentCompleted";
    public const string OrderStatusChanged = "orderStatusChanged";
}

/// <summary>What a dashboard may call on the vendor hub.</summary>
public static class VendorHubMethods
{
    /// <summary>Answers once the connection has joined its store's group: pushes made after that answer reach it.</summary>
    public const string Joined = "Joined";
}

public sealed record OrderNotice(Guid OrderId, Guid VendorId, string Status, decimal Total, string Currency, DateTimeOffset At);
