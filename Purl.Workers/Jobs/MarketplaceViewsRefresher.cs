using Microsoft.Extensions.Options;
using Npgsql;
using Purl.Core.Catalog;

namespace Purl.Workers.Jobs;

/// <summary>
/// Refreshes the marketplace home's materialised views at start and then every <c>Marketplace:ViewRefreshInterval</c>
/// (5 minutes), concurrently, so readers are never blocked. With several workers, one refreshes and the others skip.
/// </summary>
public sealed class MarketplaceViewsRefresher(
    NpgsqlDataSource dataSource, IOptions<MarketplaceOptions> options, ILogger<MarketplaceViewsRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ViewRefreshInterval);
        do
        {
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                if (await MarketplaceViews.RefreshAsync(dataSource, logger, stoppingToken))
                    logger.LogInformation("Marketplace views refreshed in {Ms} ms", clock.ElapsedMilliseconds);
                else
                    logger.LogDebug("Marketplace views are being refreshed by another worker");
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Marketplace views not refreshed; next try in {Interval}", options.Value.ViewRefreshInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
