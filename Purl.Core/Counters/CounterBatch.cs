namespace Purl.Core.Counters;

/// <summary>A run of log entries summed per counter, in the shapes the Postgres statements take.</summary>
public sealed class CounterBatch
{
    private CounterBatch(StreamId lastEntry, int entries) => (LastEntry, Entries) = (lastEntry, entries);

    public StreamId LastEntry { get; }
    public int Entries { get; }
    public int Counters { get; private set; }
    /// <summary>Log fields that name no counter this version knows; they are skipped (and settled with the rest).</summary>
    public int Unknown { get; private set; }

    public Dictionary<Guid, (long Views, long Shares)> PostDeltas { get; } = [];
    public Dictionary<Guid, long> StoryViewDeltas { get; } = [];
    /// <summary>Fact counts (likes, comments, followers) the batch changed, with its net amount for each.</summary>
    public Dictionary<CounterKey, long> FactDeltas { get; } = [];
    public Dictionary<(Guid VendorId, DateOnly Day), (long Views, long Likes, long Followers)> DailyDeltas { get; } = [];

    public static CounterBatch From(IReadOnlyList<CounterLogEntry> entries)
    {
        var batch = new CounterBatch(entries[^1].Id, entries.Count);
        var keys = new HashSet<string>();
        foreach (var entry in entries)
        {
            foreach (var (text, delta) in entry.Deltas)
            {
                if (!CounterKey.TryParse(text, out var key))
                {
                    batch.Unknown++;
                    continue;
                }
                keys.Add(text);
                batch.Add(key, delta);
            }
        }
        batch.Counters = keys.Count;
        return batch;
    }

    private void Add(CounterKey key, long delta)
    {
        switch (key.Kind)
        {
            case CounterKind.PostViews:
                PostDeltas[key.Id] = PostDeltas.GetValueOrDefault(key.Id) is var v ? (v.Views + delta, v.Shares) : default;
                break;
            case CounterKind.PostShares:
                PostDeltas[key.Id] = PostDeltas.GetValueOrDefault(key.Id) is var s ? (s.Views, s.Shares + delta) : default;
                break;
            case CounterKind.StoryViews:
                StoryViewDeltas[key.Id] = StoryViewDeltas.GetValueOrDefault(key.Id) + delta;
                break;
            case CounterKind.PostLikes:
            case CounterKind.PostComments:
            case CounterKind.VendorFollowers:
                FactDeltas[key] = FactDeltas.GetValueOrDefault(key) + delta;
                break;
            case CounterKind.VendorDayViews:
            case CounterKind.VendorDayLikes:
            case CounterKind.VendorDayFollowers:
                var day = (key.Id, key.Day);
                var d = DailyDeltas.GetValueOrDefault(day);
                DailyDeltas[day] = key.Kind switch
                {
                    CounterKind.VendorDayViews => d with { Views = d.Views + delta },
                    CounterKind.VendorDayLikes => d with { Likes = d.Likes + delta },
                    _ => d with { Followers = d.Followers + delta },
                };
                break;
        }
    }
}
