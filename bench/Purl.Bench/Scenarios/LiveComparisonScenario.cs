using System.Net.Http.Json;
using Purl.Api.Client;
using Purl.Api.Client.Catalog;

namespace Purl.Bench;

/// <summary>
/// One GET measured three ways in the same run: on the stack's API (cache and materialised views on), on its `api-live`
/// twin (no cache, no views: every request reads Postgres the slow way), and `/alive` on the API as the ceiling.
/// Needs the stack started with <c>--Bench:LiveApi=true</c>. Requests carry rotating X-Forwarded-For addresses so the
/// per-client rate limits (marketplace 200/min) see many clients rather than refusing the bench.
/// Targets (issue): at least half of /alive's requests/s, p99 under 25 ms.
/// </summary>
public abstract class LiveComparisonScenario : WrkScenario
{
    public const double TargetShareOfAlive = 0.5;
    public const double TargetP99Ms = 25;
    public const string LiveApiKey = "api-live";

    private string? _path;

    protected override string Path => _path ?? throw new InvalidOperationException("The path is resolved when the run starts.");

    /// <summary>The path to measure, found on the running stack (e.g. the hottest product).</summary>
    protected abstract Task<string> ResolvePathAsync(HttpClient api, CancellationToken ct);

    /// <summary>What the live twin lacks, for the notes ("no cache", "no materialised views").</summary>
    protected abstract string LiveLabel { get; }

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var ct = context.CancellationToken;
        var liveUrl = Stack.Read(context.RepoRoot).Urls.TryGetValue(LiveApiKey, out var live) && Uri.TryCreate(live, UriKind.Absolute, out var liveUri)
            ? liveUri
            : throw new BenchException($"no {LiveApiKey} in .purl/urls.json: start the stack with `dotnet run -c Release --project Purl.AppHost -- --Bench:LiveApi=true`");
        using (var http = new HttpClient { BaseAddress = context.BaseUrl, Timeout = TimeSpan.FromSeconds(30) })
            _path = await ResolvePathAsync(http, ct);

        var (ours, apiRss) = await MeasureAsync(new Uri(context.BaseUrl, Path), context, context.SampleApiRss, forwarded: true);
        var (alive, _) = await MeasureAsync(new Uri(context.BaseUrl, "/alive"), context, () => null);
        var (slow, _) = await MeasureAsync(new Uri(liveUrl, Path), context, () => null, forwarded: true);

        var share = ours.RequestsPerSecond / alive.RequestsPerSecond;
        return new ScenarioResult(ours,
        [
            $"GET {Path}",
            $"{ours.RequestsPerSecond / slow.RequestsPerSecond:F1}× the {LiveLabel} API ({slow.Summary}{(slow.Errors > 0 ? $", {slow.ErrorDetail}" : "")})",
            $"{share * 100:F0}% of /alive in the same run ({alive.RequestsPerSecond:F0} req/s; {(share >= TargetShareOfAlive ? "meets" : "MISSES")} target ≥ 50%)",
            $"p99 {ours.P99Ms:0.00} ms ({(ours.P99Ms < TargetP99Ms ? "meets" : "MISSES")} target < 25 ms)",
            context.ApiRssNote(apiRss),
            "clients: rotating X-Forwarded-For (32K addresses), rate limits as configured",
        ]);
    }

    protected static async Task<HomeResponse> HomeAsync(HttpClient api, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, CatalogRoutes.Home);
        request.Headers.Add("X-Forwarded-For", "10.255.255.1");
        using var response = await api.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"GET {CatalogRoutes.Home} answered {(int)response.StatusCode}: is the stack ready?");
        return await response.Content.ReadFromJsonAsync<HomeResponse>(PurlApiClient.JsonOptions, ct)
            ?? throw new BenchException($"GET {CatalogRoutes.Home} answered null");
    }
}

/// <summary>GET one hot product page (a viral product: 50K reads/min on one row, seed 000 §1), cached versus read live.</summary>
public sealed class ProductScenario : LiveComparisonScenario
{
    public override string Name => "product";

    public override string Description =>
        "GET /products/{the hottest product}: cached (HybridCache) vs the api-live twin (no cache), and /alive, in one run";

    protected override string LiveLabel => "uncached";

    protected override async Task<string> ResolvePathAsync(HttpClient api, CancellationToken ct)
    {
        var home = await HomeAsync(api, ct);
        var hot = home.HotProducts.FirstOrDefault() ?? throw new BenchException("the home lists no hot products: is there demo data?");
        return CatalogRoutes.ProductOf(hot.Id);
    }
}

/// <summary>GET /home from the materialised views versus the same home computed by live aggregate queries.</summary>
public sealed class HomeScenario : LiveComparisonScenario
{
    public override string Name => "home";

    public override string Description =>
        "GET /home from the materialised views vs the api-live twin (live aggregate queries), and /alive, in one run";

    protected override string LiveLabel => "live-aggregates";

    protected override async Task<string> ResolvePathAsync(HttpClient api, CancellationToken ct)
    {
        await HomeAsync(api, ct);
        return CatalogRoutes.Home;
    }
}
