using System.Collections.Concurrent;

namespace Purl.Core.RateLimiting;

/// <summary>
/// The permits this instance has taken from Redis and not used yet, per policy and client, each until its window ends.
/// Only this instance spends them, so a client's total stays within the limit; permits one instance holds when the
/// window ends are simply lost (a client spread over several instances may be refused a little early, never late).
/// </summary>
internal sealed class LocalLeases(TimeProvider time)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(10);

    /// <summary>About 10 MB; past it (a flood of one-off addresses) new clients are counted in Redis request by request.</summary>
    internal const int MaxLeases = 100_000;

    private readonly ConcurrentDictionary<string, Lease> _leases = new();
    private int _count;
    private long _nextSweep;

    /// <summary>Spends one permit of a live lease for <paramref name="key"/>; false when there is none left.</summary>
    public bool TrySpend(string key)
    {
        var now = time.GetTimestamp();
        SweepIfDue(now);
        return _leases.TryGetValue(key, out var lease) && lease.TrySpend(now);
    }

    /// <summary>
    /// Keeps <paramref name="permits"/> more for <paramref name="key"/> until <paramref name="lifetime"/> has passed. A live
    /// lease is topped up rather than replaced: two requests of one client that refill at once both took their permits
    /// from Redis, and a replaced lease's permits would stay counted there without ever being spent.
    /// </summary>
    public void Keep(string key, int permits, TimeSpan lifetime)
    {
        if (permits <= 0 || lifetime <= TimeSpan.Zero) return;
        var now = time.GetTimestamp();
        var lease = new Lease(permits, now + (long)(lifetime.TotalSeconds * time.TimestampFrequency));
        if (_leases.TryGetValue(key, out var old))
        {
            if (!old.ExpiredAt(now))
            {
                old.Add(permits);
                return;
            }
            if (_leases.TryUpdate(key, lease, old)) return;
        }
        if (Volatile.Read(ref _count) >= MaxLeases) return;
        if (_leases.TryAdd(key, lease)) Interlocked.Increment(ref _count);
    }

    private void SweepIfDue(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + (long)(SweepEvery.TotalSeconds * time.TimestampFrequency), due) != due)
            return;
        foreach (var (key, lease) in _leases)
            if (lease.ExpiredAt(now) && _leases.TryRemove(new KeyValuePair<string, Lease>(key, lease)))
                Interlocked.Decrement(ref _count);
    }

    private sealed class Lease(int permits, long expiresAt)
    {
        private int _left = permits;

        public bool ExpiredAt(long now) => now >= expiresAt;

        /// <summary>Takes one permit if any is left; never below zero, so a top-up is whole.</summary>
        public bool TrySpend(long now)
        {
            if (ExpiredAt(now)) return false;
            var left = Volatile.Read(ref _left);
            while (left > 0)
            {
                var seen = Interlocked.CompareExchange(ref _left, left - 1, left);
                if (seen == left) return true;
                left = seen;
            }
            return false;
        }

        public void Add(int permits) => Interlocked.Add(ref _left, permits);
    }
}
