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
/// Target (issue): p95 under 50 ms.
/// </summary>
public sealed class BrowseScenario : FlowScenario
{
    public const double TargetP95Ms = 50;
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
        var result = await base.RunAsync(context);
        var p95 = result.Measurement.P95Ms;
        return result with { Notes = [$"p95 {p95:0.00} ms ({(p95 < TargetP95Ms ? "meets" : "MISSES")} target < 50 ms)", .. result.Notes] };
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
