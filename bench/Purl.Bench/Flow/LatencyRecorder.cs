using System.Numerics;

namespace Purl.Bench.Flow;

/// <summary>
/// An HdrHistogram-style latency histogram in microseconds: exact below 128 µs, then 64 buckets per power of
/// two, so a reported percentile is at most 1/64 (1.6 %) above the true value. Fixed size (30 KB), not thread-safe:
/// keep one per worker and <see cref="Add"/> them together at the end.
/// </summary>
public sealed class LatencyRecorder
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int ExactBelow = SubBuckets * 2;

    private readonly long[] _counts = new long[IndexOf(long.MaxValue) + 1];

    public long Count { get; private set; }

    public long MaxMicroseconds { get; private set; }

    public void Record(TimeSpan elapsed) => RecordMicroseconds((long)elapsed.TotalMicroseconds);

    public void RecordMicroseconds(long microseconds)
    {
        var value = Math.Max(0, microseconds);
        _counts[IndexOf(value)]++;
        Count++;
        MaxMicroseconds = Math.Max(MaxMicroseconds, value);
    }

    public void Add(LatencyRecorder other)
    {
        for (var i = 0; i < _counts.Length; i++)
            _counts[i] += other._counts[i];
        Count += other.Count;
        MaxMicroseconds = Math.Max(MaxMicroseconds, other.MaxMicroseconds);
    }

    /// <summary>The smallest recorded bucket's upper bound that covers <paramref name="percent"/> of the values; 0 if empty.</summary>
    public long PercentileMicroseconds(double percent)
    {
        if (Count == 0)
            return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return Math.Min(UpperBound(i), MaxMicroseconds);
        }
        return MaxMicroseconds;
    }

    // Values below 128 have their own bucket; above, the top 7 bits of the value (its highest bit and the 6 after it)
    // choose the bucket, and the bit position chooses the group, so the indexes run on without gaps.
    private static int IndexOf(long value)
    {
        if (value < ExactBelow)
            return (int)value;
        var shift = BitOperations.Log2((ulong)value) - SubBucketBits;
        return shift * SubBuckets + (int)(value >> shift);
    }

    private static long UpperBound(int index)
    {
        if (index < ExactBelow)
            return index;
        var shift = index / SubBuckets - 1;
        var mantissa = index - shift * SubBuckets;
        return ((long)(mantissa + 1) << shift) - 1;
    }
}
