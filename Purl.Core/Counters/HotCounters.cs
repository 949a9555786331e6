using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace Purl.Core.Counters;

/// <summary>
/// Where increments of the hot counters land. One call is one atomic Redis script that appends an entry to the counter
/// log (a stream: its entry ids tell the aggregator exactly which increments Postgres already holds) and adds the same
/// amounts to the pending hash (what a read adds to the stored value, so a buyer sees their own like at once).
/// Redis keeps both in its append-only file; <see cref="CounterAggregator"/> folds the log into Postgres. Reads add
/// what is pending to stored counts as of the watermark read with them (<see cref="CountedThroughColumn"/>).
/// </summary>
public sealed class HotCounters(IDatabase redis, IConnectionMultiplexer connection, ILogger<HotCounters> logger)
{
    internal static readonly RedisKey Log = "counters:log";
    internal static readonly RedisKey Pending = "counters:pending";
    internal static readonly RedisKey Applied = "counters:applied";

    // Lua: as_of(values, names, asOf) makes values[i], what counter names[i] has pending, what it has pending beyond the
    // watermark asOf that the caller's stored counts were read at. Usually Redis has settled exactly that far. If a flush
    // committed but has not settled yet, its batch is in both: take it out. If it settled after the stored counts were
    // read, its batch is in neither: add it back (the log keeps the last settled batch).
    private const string AsOf = CounterLog.IdOrder + """
        local function as_of(values, names, asOf)
          local applied = redis.call('GET', KEYS[3]) or '0-0'
          if asOf == '' or applied == asOf then return values end
          local sign, from, to = 1, asOf, applied
          if before(applied, asOf) then sign, from, to = -1, applied, asOf end
          local index = {}
          for i = 1, #names do index[names[i]] = i end
          for _, entry in ipairs(redis.call('XRANGE', KEYS[1], '(' .. from, to)) do
            local fields = entry[2]
            for i = 1, #fields, 2 do
              local at = index[fields[i]]
              if at then values[at] = values[at] + sign * tonumber(fields[i + 1]) end
            end
          end
          return values
        end

        """;

    // ARGV[1]: the watermark (or ''), then counter and delta pairs.
    private const string AddScript = AsOf + """
        redis.call('XADD', KEYS[1], '*', unpack(ARGV, 2))
        local names, pending = {}, {}
        for i = 2, #ARGV, 2 do
          names[#names + 1] = ARGV[i]
          pending[#pending + 1] = redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 1])
        end
        return as_of(pending, names, ARGV[1])
        """;

    // ARGV[1]: the watermark, then the counters.
    private const string PendingScript = AsOf + """
        local names = {unpack(ARGV, 2)}
        local values = redis.call('HMGET', KEYS[2], unpack(names))
        for i = 1, #values do values[i] = tonumber(values[i]) or 0 end
        return as_of(values, names, ARGV[1])
        """;

    private static readonly RedisKey[] Keys = [Log, Pending, Applied];

    /// <summary>
    /// Adds the deltas (each key once) and returns each counter's pending amount after the addition, or null when Redis
    /// cannot be reached (nothing was added, or — on a timeout — perhaps it was). The amounts are beyond
    /// <paramref name="countedThrough"/>, the watermark the caller's stored counts were read at (see
    /// <see cref="PendingAsync"/>); null when the caller does not use them.
    /// </summary>
    public async Task<long[]?> TryAddAsync(IReadOnlyList<CounterDelta> deltas, StreamId? countedThrough, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0) return [];
        if (!connection.IsConnected) return null;
        var args = new RedisValue[deltas.Count * 2 + 1];
        args[0] = countedThrough?.ToString() ?? "";
        for (var i = 0; i < deltas.Count; i++)
        {
            args[2 * i + 1] = deltas[i].Key.ToString();
            args[2 * i + 2] = deltas[i].Delta;
        }
        try
        {
            var result = await redis.ScriptEvaluateAsync(AddScript, Keys, args).WaitAsync(cancellationToken);
            return ((RedisResult[])result!).Select(r => (long)r).ToArray();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Counter increments not recorded: Redis is unavailable");
            return null;
        }
    }

    /// <summary>
    /// A column for the statement that reads stored counts: the last log id Postgres holds (the watermark), as text, read
    /// in the same snapshot as the counts. Pass it to <see cref="PendingAsync"/>.
    /// </summary>
    public const string CountedThroughColumn =
        "(SELECT last_entry_ms::text || '-' || last_entry_seq::text FROM counter_flushes ORDER BY last_entry_ms DESC, last_entry_seq DESC LIMIT 1)";

    /// <summary>The watermark a <see cref="CountedThroughColumn"/> read (Zero: nothing flushed yet).</summary>
    public static StreamId CountedThrough(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? StreamId.Zero : StreamId.Parse(reader.GetString(column));

    /// <summary>
    /// What each counter has pending in Redis, to add to the values stored in Postgres as of
    /// <paramref name="countedThrough"/> (read with them: <see cref="CountedThroughColumn"/>), so that a read racing a
    /// flush counts its batch once. Zero for all when Redis cannot be reached: reads then show the stored values, a few
    /// seconds behind.
    /// </summary>
    public async Task<long[]> PendingAsync(IReadOnlyList<CounterKey> keys, StreamId countedThrough, CancellationToken cancellationToken)
    {
        var pending = new long[keys.Count];
        if (keys.Count == 0 || !connection.IsConnected) return pending;
        var fields = new RedisValue[keys.Count];
        for (var i = 0; i < keys.Count; i++) fields[i] = keys[i].ToString();
        try
        {
            // Almost always Redis has settled exactly as far as the counts were stored: a plain read, in one transaction
            // with the settle marker. The script, which costs Redis several times more, only when a flush is mid-way.
            var read = redis.CreateTransaction();
            var applied = read.StringGetAsync(Applied);
            var values = read.HashGetAsync(Pending, fields);
            await read.ExecuteAsync().WaitAsync(cancellationToken);
            var settled = await applied;
            if ((settled.IsNull ? StreamId.Zero : StreamId.Parse(settled.ToString())) == countedThrough)
            {
                var hash = await values;
                for (var i = 0; i < hash.Length; i++)
                    pending[i] = hash[i].IsNull ? 0 : (long)hash[i];
                return pending;
            }
            var adjusted = (RedisResult[])(await redis.ScriptEvaluateAsync(PendingScript, Keys, [countedThrough.ToString(), .. fields])
                .WaitAsync(cancellationToken))!;
            for (var i = 0; i < adjusted.Length; i++)
                pending[i] = (long)adjusted[i];
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogDebug(e, "Pending counters not read: Redis is unavailable");
        }
        return pending;
    }
}
