using System.Net.Http.Json;
using Purl.Api.Client;
using Purl.Api.Client.Catalog;
using Purl.Bench.Flow;

namespace Purl.Bench;

/// <summary>
/// Buyers browsing categories (the morning rush's 167 req/s, seed 000 §1): each worker walks a category page by page,
/// following nextCursor to the end, then moves to the next category and sort (newest, price_asc, price_desc, popular).
/// A step is one page. Run it over the 100K-product data set (AppHost <c>--DemoData:Products=100000</c>).
/// Each worker sends its own X-Forwarded-For addresses, so the marketplace rate limit sees many clients.
/// Target (issue): p95 under 50 ms. Two runs: as fast as the connections go (the row's figures: the saturated p95 is
/// mostly queueing), then at seed 000 §1.3's peak for product browsing, 350 pages a second on a fixed schedule, which is
/// the load the target is for.
/// </summary>
public sealed class BrowseScenario : FlowScenario
{
    public const double TargetP95Ms = 50;
    public const double PeakPerSecond = 350;
    private const int PageSize = 20;

    private IReadOnlyList<CategoryResponse> _categories = [];
    private Walk[] _walks = [];
    private long _listed;

    public override string Name => "browse";

    public override string Description =>
        "category pages followed by cursor, every sort, one page per step (run over 100K products)";

    protected override async Task SetupAsync(HttpClient http, ScenarioContext context)
    {
        using var request = Forwarded(CatalogRoutes.Categories, 0, 0);
        using var response = await http.SendAsync(request, context.CancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"GET {CatalogRoutes.Categories} answered {(int)response.StatusCode}: is the stack ready?");
        var categories = await response.Content.ReadFromJsonAsync<CategoriesResponse>(PurlApiClient.JsonOptions, context.CancellationToken);
        _categories = categories?.Items.Where(c => c.ProductCount > 0).ToList() ?? [];
        if (_categories.Count == 0)
            throw new BenchException("no category has products: is there demo data?");
        _listed = _categories.Sum(c => c.ProductCount);
        _walks = Enumerable.Range(0, context.Connections).Select(w => new Walk(w % _categories.Count, w / _categories.Count % ProductSorts.All.Count)).ToArray();
    }

    protected override async Task<bool> StepAsync(HttpClient http, int worker, CancellationToken ct)
    {
        var walk = _walks[worker];
        var category = _categories[walk.Category];
        var path = $"/categories/{category.Slug}/products?sort={ProductSorts.All[walk.Sort]}&limit={PageSize}"
                   + (walk.Cursor is null ? "" : $"&cursor={Uri.EscapeDataString(walk.Cursor)}");
        using var request = Forwarded(path, worker, walk.Steps++);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            return false;
        var page = await response.Content.ReadFromJsonAsync<Page<ProductSummaryResponse>>(PurlApiClient.JsonOptions, ct);
        if (page is null)
            return false;
        walk.Depth++;
        walk.Deepest = Math.Max(walk.Deepest, walk.Depth);
        walk.Cursor = page.NextCursor;
        if (walk.Cursor is null)
        {
            walk.Depth = 0;
            walk.Category = (walk.Category + 1) % _categories.Count;
            if (walk.Category == 0)
                walk.Sort = (walk.Sort + 1) % ProductSorts.All.Count;
        }
        return true;
    }

    protected override Task<IReadOnlyList<string>> AfterAsync(HttpClient http, ScenarioContext context) =>
        Task.FromResult<IReadOnlyList<string>>(
        [
            $"{_listed:N0} listed products in {_categories.Count} categories, pages of {PageSize}; deepest walk {_walks.Max(w => w.Deepest)} pages",
            "clients: X-Forwarded-For per worker (256 addresses each), rate limits as configured",
        ]);

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var saturated = await base.RunAsync(context);
        using var http = FlowRunner.CreateClient(context.BaseUrl, context.Connections);
        var peak = await FlowRunner.RunAtRateAsync(http, context.Connections, context.Duration, PeakPerSecond, StepAsync, context.CancellationToken);
        return saturated with
        {
            Notes =
            [
                $"at the seed's peak ({PeakPerSecond:0} pages/s, scheduled): p50 {peak.P50Ms:0.00} ms, p95 {peak.P95Ms:0.00} ms "
                + $"({(peak.P95Ms < TargetP95Ms ? "meets" : "MISSES")} target < 50 ms), p99 {peak.P99Ms:0.00} ms, {peak.RequestsPerSecond:0} pages/s, {peak.Errors} errors",
                $"saturated ({context.Connections} connections, the row's figures): p95 {saturated.Measurement.P95Ms:0.00} ms",
                .. saturated.Notes,
            ],
        };
    }

    private static HttpRequestMessage Forwarded(string path, int worker, long step)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", $"10.200.{worker % 256}.{step % 256}");
        return request;
    }

    /// <summary>Where one worker is: one worker, one walk, so no locking.</summary>
    private sealed class Walk(int category, int sort)
    {
        public int Category = category;
        public int Sort = sort;
        public string? Cursor;
        public long Steps;
        public int Depth;
        public int Deepest;
    }
}
