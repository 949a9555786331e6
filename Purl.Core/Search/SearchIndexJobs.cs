using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Purl.Core.Search;

/// <summary>
/// The workers' index upkeep. At start: rebuild when the index is empty but the catalogue is not (the AppHost's demo data is
/// bulk-copied, without events). Then every <see cref="SearchOptions.MaintenanceInterval"/>: <see cref="ISearchIndex.MaintainAsync"/>.
/// One worker at a time does either, under a Postgres advisory lock; the others skip that round.
/// </summary>
public sealed class SearchIndexJobs(
    ISearchIndex index, SearchCache cache, NpgsqlDataSource dataSource, IOptions<SearchOptions> options, ILogger<SearchIndexJobs> logger) : BackgroundService
{
    /// <summary>"PurlSrch".</summary>
    private const long LockKey = 0x5075726C53726368;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await UnderLockAsync(RebuildIfEmptyAsync, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.MaintenanceInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await UnderLockAsync(async ct =>
                {
                    if (!await RebuildIfEmptyAsync(ct)) await index.MaintainAsync(ct);
                }, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> RebuildIfEmptyAsync(CancellationToken ct)
    {
        if (!await index.NeedsRebuildAsync(ct)) return false;
        logger.LogInformation("The search index is empty and the catalogue is not: rebuilding it");
        logger.LogInformation("{Report}", await index.RebuildAsync(options.Value.RebuildBatchSize, ct));
        await cache.InvalidateAllAsync(ct); // cached pages of the empty index would hide it for minutes
        return true;
    }

    private async Task UnderLockAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", connection))
                if (!(bool)(await take.ExecuteScalarAsync(ct))!) return;
            try
            {
                await work(ct);
            }
            finally
            {
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
                await release.ExecuteScalarAsync(CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The next round tries again; the index keeps serving what it has.
            logger.LogError(e, "Search index upkeep failed");
        }
    }
}
