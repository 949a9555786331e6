using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Purl.Core.Counters;

/// <summary>
/// The counter-aggregation worker: every <c>Counters:FlushInterval</c> it folds the counter log into Postgres
/// (<see cref="CounterFlusher"/>). It recounts fact counts in full when it starts, whenever its Redis connection has been
/// restored (Redis may have restarted, and a crash may have lost its last second of increments), and every
/// <c>Counters:ReconcileInterval</c>.
/// Several workers may run it at once: an advisory lock and the watermark keep them from applying a batch twice.
/// </summary>
public sealed class CounterAggregator(
    CounterFlusher flusher,
    FactCounts facts,
    IConnectionMultiplexer redis,
    IOptions<CountersOptions> options,
    TimeProvider time,
    ILogger<CounterAggregator> logger) : BackgroundService
{
    private DateTimeOffset _nextReconcile = DateTimeOffset.MinValue;
    private volatile bool _reconnected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            await RunAsync(stoppingToken);
        }
        finally
        {
            redis.ConnectionRestored -= OnConnectionRestored;
        }
    }

    // Restored connections cannot tell a network blip from a Redis restart (telling would need INFO, an admin command):
    // either way a recount is cheap next to a count that stays wrong.
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => _reconnected = true;

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReconcileIfDueAsync(stoppingToken);
                var applied = await flusher.FlushAllAsync(stoppingToken);
                if (applied > 0) logger.LogDebug("Folded {Entries} counter increments into Postgres", applied);
                failures = 0;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) // a job that throws would stop the worker host
            {
                failures++;
                logger.LogWarning(e, "Counter flush failed (attempt {Attempt}); increments stay in Redis and are retried", failures);
            }
            try
            {
                await Task.Delay(options.Value.FlushInterval * Math.Min(failures + 1, 5), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReconcileIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reconnected = _reconnected;
        if (now < _nextReconcile && !reconnected) return;

        _reconnected = false;
        var changed = await facts.ReconcileAllAsync(cancellationToken);
        if (changed > 0 || reconnected)
            logger.LogInformation("Recounted likes, comments and followers from their rows{Why}: {Changed} counts corrected",
                reconnected ? " after Redis came back" : "", changed);
        _nextReconcile = now + options.Value.ReconcileInterval;
    }
}
