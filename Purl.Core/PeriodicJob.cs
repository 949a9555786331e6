using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Purl.Core;

/// <summary>
/// A job that runs a round at start and then every <see cref="Interval"/> until the host stops. A round that fails is
/// logged and the job carries on at the next tick, whatever the failure: an exception escaping a BackgroundService
/// stops the whole host, and with it every consumer and job in the process.
/// </summary>
public abstract class PeriodicJob(ILogger logger) : BackgroundService
{
    /// <summary>What the ticks follow; tests of a job may give it a clock of their own.</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    /// <summary>The time between the starts of two rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What a round does, for the log ("Releasing expired reservations").</summary>
    protected abstract string Doing { get; }

    protected abstract Task RunRoundAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        try
        {
            do
            {
                try
                {
                    await RunRoundAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "{Doing} failed; next try in {Interval}: {Error}", Doing, Interval, e.Message);
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
