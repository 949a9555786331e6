using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Purl.Core.Messaging;

/// <summary>
/// Waits between attempts at something that needs RabbitMQ or Postgres, doubling up to a ceiling. An outage is logged
/// once as a warning when it starts and once when it ends, not on every attempt.
/// </summary>
internal sealed class Backoff(ILogger logger, string what, TimeSpan max)
{
    private int _failures;

    public void Succeeded()
    {
        if (_failures > 0) logger.LogInformation("{What} works again after {Failures} failed attempts", what, _failures);
        _failures = 0;
    }

    public Task FailedAsync(Exception error, CancellationToken cancellationToken)
    {
        _failures++;
        if (_failures == 1)
            logger.LogWarning(error, "{What} failed, retrying until it works: {Error}", what, error.Message);
        else
            logger.LogDebug(error, "{What} failed again (attempt {Attempt}): {Error}", what, _failures, error.Message);
        var delay = TimeSpan.FromMilliseconds(Math.Min(max.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(_failures, 16))));
        return Task.Delay(delay, cancellationToken);
    }

    /// <summary>Closes a channel being given up on; it may already be dead with its connection, which is why it is being dropped.</summary>
    public static async Task DisposeChannelAsync(IChannel channel, ILogger logger)
    {
        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Closing a broken channel failed: {Error}", e.Message);
        }
    }
}
