using Microsoft.Extensions.Options;
using Purl.Core;
using Purl.Core.Catalog;

namespace Purl.Workers.Jobs;

/// <summary>
/// Refreshes the marketplace home's materialised views at start and then every <c>Marketplace:ViewRefreshInterval</c>
/// (5 minutes), concurrently, so readers are never blocked; every API instance then drops the home it cached.
/// With several workers, one refreshes and the others skip.
/// </summary>
public sealed class MarketplaceViewsRefresher(
    MarketplaceViewRefresh refresh, IOptions<MarketplaceOptions> options, ILogger<MarketplaceViewsRefresher> logger)
    : PeriodicJob(logger)
{
    protected override TimeSpan Interval => options.Value.ViewRefreshInterval;

    protected override string Doing => "Refreshing the marketplace views";

    protected override Task RunRoundAsync(CancellationToken ct) => refresh.RunAsync(ct);
}
