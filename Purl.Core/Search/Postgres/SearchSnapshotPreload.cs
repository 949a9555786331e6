using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Purl.Core.Search.Postgres;

/// <summary>
/// Reads the search snapshot as the API starts, so the first buyer to search does not wait for the whole index (about a
/// second at 100K products). Safe at any moment: every search still brings the snapshot up to date first. A failure only
/// leaves the first search to read it.
/// </summary>
public sealed class SearchSnapshotPreload(SearchSnapshots snapshots, ILogger<SearchSnapshotPreload> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var snapshot = await snapshots.CurrentAsync(stoppingToken);
            logger.LogInformation("Search snapshot read: {Count:N0} products", snapshot.Count);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Search snapshot not read at start; the first search will read it");
        }
        catch (OperationCanceledException)
        {
        }
    }
}
