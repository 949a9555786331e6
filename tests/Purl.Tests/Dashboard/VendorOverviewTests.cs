using System.Net;
using Purl.Api.Client;
using Purl.Api.Client.Analytics;
using Purl.Core.Analytics;
using Purl.Tests.Auth;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Dashboard;

public sealed class VendorOverviewTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seven_days_add_up_the_rollups_and_compare_with_the_week_before()
    {
        var (me, tokens) = await app.RegisterAndLoginAsync("vendor", "Nakuru Greens");
        var today = NairobiTime.Day(DateTimeOffset.UtcNow);
        await using (var db = app.CreateDbContext())
        {
            db.VendorDailyStats.AddRange(
                new VendorDailyStat { VendorId = me.VendorId!.Value, Day = today, Orders = 3, Revenue = 4500m, Views = 300, Likes = 12, NewFollowers = 2 },
                new VendorDailyStat { VendorId = me.VendorId!.Value, Day = today.AddDays(-6), Orders = 1, Revenue = 999.50m, Views = 100, Likes = 3, NewFollowers = 1 },
                new VendorDailyStat { VendorId = me.VendorId!.Value, Day = today.AddDays(-7), Orders = 5, Revenue = 7000m, Views = 50, Likes = 1, NewFollowers = 0 });
            await db.SaveChangesAsync(Ct);
        }

        var overview = await Analytics(tokens.AccessToken).GetOverviewAsync("7d", Ct);

        Assert.Equal(7, overview.Series.Count);
        Assert.Equal(today, overview.To);
        Assert.Equal(5499.50m, overview.Totals.Revenue);
        Assert.Equal(4, overview.Totals.Orders);
        Assert.Equal(400, overview.Totals.Views);
        Assert.Equal(0.01m, overview.Totals.ConversionRate);
        Assert.Equal(7000m, overview.Previous.Revenue);
        Assert.Equal("KES", overview.Currency);
    }

    [Fact]
    public async Task An_empty_store_gets_zeros_not_an_error()
    {
        var (_, tokens) = await app.RegisterAndLoginAsync("vendor", "Empty Shelf");

        var overview = await Analytics(tokens.AccessToken).GetOverviewAsync("30d", Ct);

        Assert.Equal(30, overview.Series.Count);
        Assert.Equal(0, overview.Totals.Orders);
        Assert.Null(overview.Totals.ConversionRate);
        Assert.Empty(overview.TopProducts);
    }

    [Fact]
    public async Task An_unknown_range_is_a_400_naming_range()
    {
        var (_, tokens) = await app.RegisterAndLoginAsync("vendor", "Range Testers");

        var error = await Assert.ThrowsAsync<ValidationApiException>(() => Analytics(tokens.AccessToken).GetOverviewAsync("fortnight", Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("range", error.Content!.Errors.Keys);
    }

    [Fact]
    public async Task A_buyer_cannot_read_a_vendor_overview()
    {
        var (_, tokens) = await app.RegisterAndLoginAsync("buyer");

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => Analytics(tokens.AccessToken).GetOverviewAsync("today", Ct));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    private IAnalyticsApi Analytics(string token) => PurlApiClient.For<IAnalyticsApi>(app.CreateClient().WithBearer(token));
}
