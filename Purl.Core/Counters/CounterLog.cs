using StackExchange.Redis;

namespace Purl.Core.Counters;

/// <summary>One entry of the counter log: its id and the deltas it carries.</summary>
public sealed record CounterLogEntry(StreamId Id, IReadOnlyList<(string Key, long Delta)> Deltas);

/// <summary>
/// The aggregator's side of the counter log in Redis: reading what Postgres does not hold yet, and settling what it does
/// (taking it out of the pending hash and trimming it from the log). Both are atomic scripts.
/// </summary>
public sealed class CounterLog(IDatabase redis)
{
    private static readonly RedisKey[] Keys = [HotCounters.Log, HotCounters.Pending, HotCounters.Applied];

    private const string ReadScript = """
        return redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+', 'COUNT', ARGV[2])
        """;

    /// <summary>Lua: <c>before(a, b)</c>, whether stream id a comes before b.</summary>
    internal const string IdOrder = """
        local function parse(id)
          local ms, seq = string.match(id, '^(%d+)-(%d+)$')
          return tonumber(ms), tonumber(seq)
        end
        local function before(a, b)
          local am, as = parse(a)
          local bm, bs = parse(b)
          return am < bm or (am == bm and as < bs)
        end

        """;

    // Settling is idempotent and ordered: `applied` remembers how far it got. Entries in (applied, watermark] are in
    // Postgres, so their amounts leave the pending hash in one step. The log keeps the batch it last settled (it is
    // trimmed to the previous `applied`), so that a read whose stored values predate this settle can still add it back
    // (HotCounters.PendingAsync). After a Redis crash the append-only file brings back a consistent prefix (log, hash and
    // `applied` together), and this brings it level with Postgres again. The last lines make sure a Redis that came back
    // with less than Postgres holds never hands out an id at or below the watermark, which the aggregator would take for
    // already applied.
    private const string Settle = IdOrder + """
        local watermark = ARGV[1]
        local applied = redis.call('GET', KEYS[3]) or '0-0'
        local settled = 0
        if before(applied, watermark) then
          local entries = redis.call('XRANGE', KEYS[1], '(' .. applied, watermark)
          for _, entry in ipairs(entries) do
            local fields = entry[2]
            for i = 1, #fields, 2 do
              if redis.call('HINCRBY', KEYS[2], fields[i], -tonumber(fields[i + 1])) == 0 then
                redis.call('HDEL', KEYS[2], fields[i])
              end
            end
          end
          settled = #entries
          redis.call('XTRIM', KEYS[1], 'MINID', applied)
          redis.call('SET', KEYS[3], watermark)
        end
        if redis.call('EXISTS', KEYS[1]) == 1 then
          local info = redis.call('XINFO', 'STREAM', KEYS[1])
          for i = 1, #info, 2 do
            if info[i] == 'last-generated-id' then
              if before(info[i + 1], watermark) then redis.call('XSETID', KEYS[1], watermark) end
              break
            end
          end
        end
        """;

    private const string SettleScript = Settle + "\nreturn settled";

    // Settles first, so that what is pending is exactly what came after the watermark.
    private const string PendingScript = Settle + "\nreturn redis.call('HMGET', KEYS[2], unpack(ARGV, 2))";

    private const string AllPendingScript = Settle + "\nreturn redis.call('HGETALL', KEYS[2])";

    /// <summary>Up to <paramref name="count"/> entries after <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<CounterLogEntry>> ReadAsync(StreamId after, int count, CancellationToken cancellationToken)
    {
        var result = await redis.ScriptEvaluateAsync(ReadScript, [HotCounters.Log], [after.ToString(), count]).WaitAsync(cancellationToken);
        var entries = (RedisResult[])result!;
        var read = new List<CounterLogEntry>(entries.Length);
        foreach (var entry in entries)
        {
            var parts = (RedisResult[])entry!;
            var fields = (RedisResult[])parts[1]!;
            var deltas = new (string, long)[fields.Length / 2];
            for (var i = 0; i < deltas.Length; i++)
                deltas[i] = ((string)fields[2 * i]!, (long)fields[2 * i + 1]);
            read.Add(new CounterLogEntry(StreamId.Parse((string)parts[0]!), deltas));
        }
        return read;
    }

    /// <summary>
    /// Settles up to <paramref name="watermark"/>, then returns what each of <paramref name="keys"/> has pending: the sum of
    /// its entries after the watermark.
    /// </summary>
    public async Task<long[]> PendingAfterAsync(StreamId watermark, IReadOnlyList<CounterKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return [];
        var args = new RedisValue[keys.Count + 1];
        args[0] = watermark.ToString();
        for (var i = 0; i < keys.Count; i++) args[i + 1] = keys[i].ToString();
        var result = (RedisResult[])(await redis.ScriptEvaluateAsync(PendingScript, Keys, args).WaitAsync(cancellationToken))!;
        return result.Select(r => r.IsNull ? 0 : (long)r).ToArray();
    }

    /// <summary>Settles up to <paramref name="watermark"/>, then returns every fact count with an amount pending after it.</summary>
    public async Task<Dictionary<CounterKey, long>> FactsPendingAfterAsync(StreamId watermark, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.ScriptEvaluateAsync(AllPendingScript, Keys, [watermark.ToString()]).WaitAsync(cancellationToken))!;
        var facts = new Dictionary<CounterKey, long>();
        for (var i = 0; i < result.Length; i += 2)
            if (CounterKey.TryParse((string)result[i]!, out var key) && key.IsFact)
                facts[key] = (long)result[i + 1];
        return facts;
    }

    /// <summary>Takes every entry up to <paramref name="watermark"/> out of the pending hash and the log; returns how many.</summary>
    public async Task<long> SettleAsync(StreamId watermark, CancellationToken cancellationToken)
    {
        var result = await redis.ScriptEvaluateAsync(SettleScript, Keys, [watermark.ToString()]).WaitAsync(cancellationToken);
        return (long)result;
    }
}
