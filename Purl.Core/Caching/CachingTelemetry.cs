using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Purl.Core.Caching;

/// <summary>
/// Meter <c>Purl.Caching</c>: <c>purl.cache.requests</c> (tags <c>cache</c>, <c>result</c> hit|miss),
/// <c>purl.cache.hit_ratio</c> per cache since the process started, and <c>purl.cache.invalidations</c>
/// (tag <c>origin</c> local|remote). A caller that waited for another caller's fetch of the same key counts as a hit.
/// </summary>
public sealed class CachingTelemetry
{
    public const string MeterName = "Purl.Caching";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _invalidations;
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public CachingTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("purl.cache.requests", description: "Cache lookups, by cache and result (hit or miss)");
        _invalidations = meter.CreateCounter<long>("purl.cache.invalidations", description: "Invalidations applied, by origin (local write or another instance)");
        meter.CreateObservableGauge("purl.cache.hit_ratio", ObserveHitRatios,
            description: "Share of lookups answered from the cache since the process started, by cache");
    }

    public void Lookup(string cache, bool hit)
    {
        var tally = _tallies.GetOrAdd(cache, static _ => new Tally());
        if (hit) Interlocked.Increment(ref tally.Hits);
        else Interlocked.Increment(ref tally.Misses);
        _requests.Add(1, new KeyValuePair<string, object?>("cache", cache), new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
    }

    public void Invalidated(bool remote) =>
        _invalidations.Add(1, new KeyValuePair<string, object?>("origin", remote ? "remote" : "local"));

    /// <summary>Hits over lookups for <paramref name="cache"/> so far; null before the first lookup.</summary>
    public double? HitRatio(string cache) =>
        _tallies.TryGetValue(cache, out var tally) ? tally.Ratio : null;

    private IEnumerable<Measurement<double>> ObserveHitRatios()
    {
        foreach (var (cache, tally) in _tallies)
            if (tally.Ratio is { } ratio)
                yield return new Measurement<double>(ratio, new KeyValuePair<string, object?>("cache", cache));
    }

    private sealed class Tally
    {
        public long Hits;
        public long Misses;

        public double? Ratio
        {
            get
            {
                var hits = Interlocked.Read(ref Hits);
                var total = hits + Interlocked.Read(ref Misses);
                return total == 0 ? null : (double)hits / total;
            }
        }
    }
}
