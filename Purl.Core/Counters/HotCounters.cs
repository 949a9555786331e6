using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Purl.Core.Counters;

/// <summary>
/// Where increments of the hot counters land. One call is one atomic Redis script that appends an entry to the counter
/// log (a stream: its entry ids tell the aggregator exactly which increments Postgres already holds) and adds the same
/// amounts to the pending hash (what a read adds to the stored value, so a buyer sees their own like at once).
/// Redis keeps both in its append-only file; <see cref="CounterAggregator"/> folds the log into Postgres.
/// </summary>
public sealed class HotCounters(IDatabase redis, IConnectionMultiplexer connection, ILogger<HotCounters> logger)
{
    internal static readonly RedisKey Log = "counters:log";
    internal static readonly RedisKey Pending = "counters:pending";
    internal static readonly RedisKey Applied = "counters:applied";

    private const string AddScript = """
        redis.call('XADD', KEYS[1], '*', unpack(ARGV))
        local pending = {}
        for i = 1, #ARGV, 2 do
          pending[#pending + 1] = redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 1])
        end
        return pending
        """;

    /// <summary>
    /// Adds the deltas (each key once) and returns each counter's pending amount after the addition, or null when Redis
    /// cannot be reached (nothing was added, or — on a timeout — perhaps it was).
    /// </summary>
    public async Task<long[]?> TryAddAsync(IReadOnlyList<CounterDelta> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0) return [];
        if (!connection.IsConnected) return null;
        var args = new RedisValue[deltas.Count * 2];
        for (var i = 0; i < deltas.Count; i++)
        {
            args[2 * i] = deltas[i].Key.ToString();
            args[2 * i + 1] = deltas[i].Delta;
        }
        try
        {
            var result = await redis.ScriptEvaluateAsync(AddScript, [Log, Pending], args).WaitAsync(cancellationToken);
            return ((RedisResult[])result!).Select(r => (long)r).ToArray();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Counter increments not recorded: Redis is unavailable");
            return null;
        }
    }

    /// <summary>
    /// What each counter has pending in Redis, to add to the value stored in Postgres. Zero for all when Redis cannot be
    /// reached: reads then show the stored values, a few seconds behind.
    /// </summary>
    public async Task<long[]> PendingAsync(IReadOnlyList<CounterKey> keys, CancellationToken cancellationToken)
    {
        var pending = new long[keys.Count];
        if (keys.Count == 0 || !connection.IsConnected) return pending;
        try
        {
            var values = await redis.HashGetAsync(Pending, keys.Select(k => (RedisValue)k.ToString()).ToArray()).WaitAsync(cancellationToken);
            for (var i = 0; i < values.Length; i++)
                pending[i] = values[i].IsNull ? 0 : (long)values[i];
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogDebug(e, "Pending counters not read: Redis is unavailable");
        }
        return pending;
    }
}
