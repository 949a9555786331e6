using System.Collections.Concurrent;

namespace Purl.Emulators.Fcm;

/// <summary>One delivered message. The target is the token, "/topics/{topic}" or "condition:{condition}".</summary>
public sealed record FcmDelivery(long Sequence, string Name, string Project, string Target, string? Token, string? Topic, string? Condition,
    FcmNotification? Notification, IReadOnlyDictionary<string, string>? Data, DateTime ReceivedAt);

public sealed record FcmSummary(long Delivered, long ValidatedOnly, int DistinctTargets, DateTime? FirstReceivedAt, DateTime? LastReceivedAt,
    IReadOnlyDictionary<string, long> Rejected);

/// <summary>
/// Every delivered message, with its receive time, kept so tests and the bench can count and time deliveries.
/// Built for the bench's 200,000 messages a minute: a concurrent queue, a concurrent dictionary of targets and
/// Interlocked counters, no lock around the store; counting is O(1), and only a query walks the messages.
/// </summary>
public sealed class FcmRecorder
{
    private readonly ConcurrentQueue<FcmDelivery> _all = new();
    private readonly ConcurrentDictionary<string, TargetLog> _byTarget = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private long _sequence;
    private long _delivered;
    private long _validatedOnly;
    private long _firstTicks;
    private long _lastTicks;

    public static string TargetOf(FcmMessage message) =>
        message.Token ?? (message.Topic is not null ? "/topics/" + message.Topic : "condition:" + message.Condition);

    public FcmDelivery Record(string project, FcmMessage message, DateTime receivedAt)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var name = $"projects/{project}/messages/0:{new DateTimeOffset(receivedAt).ToUnixTimeMilliseconds()}%{sequence:x16}";
        var delivery = new FcmDelivery(sequence, name, project, TargetOf(message), message.Token, message.Topic, message.Condition,
            message.Notification, message.Data, receivedAt);

        _all.Enqueue(delivery);
        _byTarget.GetOrAdd(delivery.Target, _ => new TargetLog()).Add(delivery);
        Interlocked.Increment(ref _delivered);
        Interlocked.CompareExchange(ref _firstTicks, receivedAt.Ticks, 0);
        RaiseTo(ref _lastTicks, receivedAt.Ticks);
        return delivery;
    }

    public void CountValidatedOnly() => Interlocked.Increment(ref _validatedOnly);

    public void CountRejected(string errorCode) => _rejected.AddOrUpdate(errorCode, 1, (_, count) => count + 1);

    public long Delivered => Interlocked.Read(ref _delivered);

    public long CountFor(string target) => _byTarget.TryGetValue(target, out var log) ? Interlocked.Read(ref log.Count) : 0;

    public IReadOnlyDictionary<string, long> CountsByTarget() => _byTarget.ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value.Count));

    /// <summary>Messages for one target (or all), received at or after <paramref name="since"/>: how many, and the last <paramref name="limit"/>.</summary>
    public (int Count, IReadOnlyList<FcmDelivery> Items) Query(string? target, DateTime? since, int limit)
    {
        IEnumerable<FcmDelivery> source = target is null ? _all : _byTarget.TryGetValue(target, out var log) ? log.Snapshot() : [];
        var matching = source.Where(d => since is null || d.ReceivedAt >= since).ToList();
        return (matching.Count, matching.Count <= limit ? matching : matching[^limit..]);
    }

    public FcmSummary Summary()
    {
        var first = Interlocked.Read(ref _firstTicks);
        var last = Interlocked.Read(ref _lastTicks);
        return new FcmSummary(Delivered, Interlocked.Read(ref _validatedOnly), _byTarget.Count,
            first == 0 ? null : new DateTime(first, DateTimeKind.Utc), last == 0 ? null : new DateTime(last, DateTimeKind.Utc),
            _rejected.ToDictionary(e => e.Key, e => e.Value));
    }

    public void Clear()
    {
        _all.Clear();
        _byTarget.Clear();
        _rejected.Clear();
        Interlocked.Exchange(ref _delivered, 0);
        Interlocked.Exchange(ref _validatedOnly, 0);
        Interlocked.Exchange(ref _firstTicks, 0);
        Interlocked.Exchange(ref _lastTicks, 0);
    }

    private static void RaiseTo(ref long field, long value)
    {
        var seen = Interlocked.Read(ref field);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref field, value, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    /// <summary>
    /// One target's messages. A push fan-out has one or two messages per device over hundreds of thousands of devices,
    /// so this is a small list behind its own lock (never contended across targets), not a queue per device.
    /// </summary>
    private sealed class TargetLog
    {
        private readonly List<FcmDelivery> _messages = new(capacity: 1);
        public long Count;

        public void Add(FcmDelivery delivery)
        {
            lock (_messages) _messages.Add(delivery);
            Interlocked.Increment(ref Count);
        }

        public FcmDelivery[] Snapshot()
        {
            lock (_messages) return [.. _messages];
        }
    }
}
