using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Purl.Api.Client;
using Purl.Api.Client.Analytics;
using Purl.Api.Client.Auth;
using Purl.Bench.Flow;

namespace Purl.Bench.Dashboard;

/// <summary>
/// Seed 000 scenario E, vendor dashboards at 6 PM: 10,000 stores each loading the overview (today, 7 days, 30 days in turn)
/// through the API, which reads daily rollups. In the same run the same sales figures are computed the naive way, from
/// the orders table, with the same concurrency and duration; the notes hold both and the ratio.
/// </summary>
public sealed class DashboardScenario : Scenario
{
    public const int VendorCount = 10_000;
    private static readonly string[] Ranges = ["today", "7d", "30d"];
    private static readonly int[] RangeDays = [1, 7, 30];

    public override string Name => "dashboard";

    public override string Description =>
        "10,000 vendors loading GET /vendor/analytics/overview (rollups) vs the same figures from the orders table: loads/s, p95, ratio";

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var ct = context.CancellationToken;
        var notes = new List<string>();
        await using var dataSource = NpgsqlDataSource.Create(StackDatabase.ConnectionString(context));

        var (_, seeded) = await DashboardVendors.EnsureAsync(dataSource, VendorCount, ct);
        if (seeded is { } took) notes.Add($"seeded {VendorCount:N0} stores (20 orders each) in {took.TotalSeconds:0.0} s");
        var vendors = await LoadVendorsAsync(dataSource, ct);

        using var http = FlowRunner.CreateClient(context.BaseUrl, context.Connections);
        var tokens = (await new BenchTokens(context.RepoRoot, dataSource).TokensAsync(vendors.Select(v => v.Email).ToList(), ct)).ToArray();

        var next = -1L;
        async Task<bool> LoadOverview(HttpClient client, int worker, CancellationToken token)
        {
            var n = Interlocked.Increment(ref next);
            var vendor = (int)(n % vendors.Count);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{AnalyticsRoutes.Overview}?range={Ranges[(n / vendors.Count + vendor) % 3]}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[vendor]);
            using var response = await client.SendAsync(request, token);
            if (!response.IsSuccessStatusCode) return false;
            var overview = await response.Content.ReadFromJsonAsync<OverviewResponse>(PurlApiClient.JsonOptions, token);
            return overview is not null;
        }

        var naiveNext = -1L;
        var now = DateTimeOffset.UtcNow;
        async Task<bool> LoadNaive(HttpClient _, int worker, CancellationToken token)
        {
            var n = Interlocked.Increment(ref naiveNext);
            var vendor = (int)(n % vendors.Count);
            await NaiveOverview.LoadAsync(dataSource, vendors[vendor].Id, RangeDays[(n / vendors.Count + vendor) % 3], now, token);
            return true;
        }

        if (context.Warmup > TimeSpan.Zero)
        {
            await FlowRunner.RunAsync(http, context.Connections, context.Warmup, LoadOverview, ct);
            await FlowRunner.RunAsync(http, context.Connections, context.Warmup, LoadNaive, ct);
        }

        Measurement api;
        long? peakRss;
        await using (var sampler = context.SampleApiRss())
        {
            api = await FlowRunner.RunAsync(http, context.Connections, context.Duration, LoadOverview, ct);
            peakRss = sampler?.PeakBytes;
        }
        var naive = await FlowRunner.RunAsync(http, context.Connections, context.Duration, LoadNaive, ct);

        var distinct = Math.Min(api.Requests, vendors.Count);
        notes.Add($"rollups via API: {api.RequestsPerSecond:F0} loads/s, p95 {api.P95Ms:0.0} ms ({distinct:N0} distinct vendors; target ≥ 500/s, p95 < 200 ms)");
        notes.Add($"naive from orders (direct SQL, no HTTP): {naive.RequestsPerSecond:F0} loads/s, p95 {naive.P95Ms:0.0} ms, {naive.Errors} errors");
        notes.Add($"ratio rollups/naive: {api.RequestsPerSecond / Math.Max(naive.RequestsPerSecond, 0.001):0.00}× loads/s, p95 {naive.P95Ms / Math.Max(api.P95Ms, 0.001):0.00}× lower");
        notes.Add(await AgreementAsync(http, dataSource, vendors, tokens, ct));
        notes.Add(context.ApiRssNote(peakRss));
        return new ScenarioResult(api, notes);
    }

    private sealed record BenchVendor(Guid Id, string Email);

    private static async Task<List<BenchVendor>> LoadVendorsAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT v.id, u.email FROM vendors v JOIN users u ON u.id = v.owner_user_id WHERE v.slug LIKE @prefix ORDER BY v.slug");
        command.Parameters.AddWithValue("prefix", DashboardVendors.SlugPrefix + "%");
        var vendors = new List<BenchVendor>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) vendors.Add(new BenchVendor(reader.GetGuid(0), reader.GetString(1)));
        return vendors;
    }

    /// <summary>The API's rollup figures against the orders table for a sample of stores: they must agree.</summary>
    private static async Task<string> AgreementAsync(HttpClient http, NpgsqlDataSource dataSource, List<BenchVendor> vendors, string[] tokens, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var sample = Enumerable.Range(0, 25).Select(i => i * (vendors.Count / 25)).ToList();
        var agreeing = 0;
        foreach (var i in sample)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{AnalyticsRoutes.Overview}?range=30d");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i]);
            using var response = await http.SendAsync(request, ct);
            var overview = await response.Content.ReadFromJsonAsync<OverviewResponse>(PurlApiClient.JsonOptions, ct);
            var naive = await NaiveOverview.LoadAsync(dataSource, vendors[i].Id, 30, now, ct);
            if (overview is not null && overview.Totals.Revenue == naive.Revenue && overview.Totals.Orders == naive.Orders
                && overview.Previous.Revenue == naive.PreviousRevenue && overview.Previous.Orders == naive.PreviousOrders)
                agreeing++;
        }
        return $"30-day revenue and orders agree (API rollups = orders table) for {agreeing}/{sample.Count} sampled stores";
    }
}
