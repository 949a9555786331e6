using Microsoft.Extensions.Options;
using Purl.Core.Catalog;

namespace Purl.Workers.Jobs;

/// <summary>
/// Refreshes the marketplace home's materialised views at start and then every <c>Marketplace:ViewRefreshInterval</c>
/// (5 minutes), concurrently, so readers are never blocked; every API instance then drops the home it cached.
/// With several workers, one refreshes and the others skip.
/// </summary>
public sealed class MarketplaceViewsRefresher(
    MarketplaceViewRefresh refresh, IOptions<MarketplaceOptions> options, ILogger<MarketplaceViewsRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ViewRefreshInterval);
        do
        {
            try
            {
                await refresh.RunAsync(stoppingToken);
            }
            // Any failure (Postgres busy, Redis restarting while the caches are told) waits for the next tick: a job that
            // throws would stop the whole worker host.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Marketplace views not refreshed; next try in {Interval}", options.Value.ViewRefreshInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
