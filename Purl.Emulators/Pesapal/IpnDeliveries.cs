using System.Collections.Concurrent;

namespace Purl.Emulators.Pesapal;

public enum IpnOutcome { Acknowledged, BadReply, HttpError, TransportError, Dropped }

/// <summary>One attempt to deliver one IPN. <see cref="Copy"/> is 2 for the second of a duplicated notification.</summary>
public sealed record IpnDelivery(
    long Sequence,
    Guid OrderTrackingId,
    string OrderMerchantReference,
    Guid IpnId,
    string Url,
    string Method,
    int Copy,
    int Attempt,
    DateTime SentAt,
    double DurationMs,
    IpnOutcome Outcome,
    int? HttpStatus,
    string? Detail,
    bool WillRetry);

/// <summary>Every IPN attempt and how it went, in the order they finished; lock-free for the bench's 20,000 IPNs.</summary>
public sealed class IpnDeliveries
{
    private readonly ConcurrentQueue<IpnDelivery> _all = new();
    private readonly long[] _byOutcome = new long[Enum.GetValues<IpnOutcome>().Length];
    private long _sequence;

    public IpnDelivery Record(IpnJob job, DateTime sentAt, double durationMs, IpnOutcome outcome, int? httpStatus, string? detail, bool willRetry)
    {
        var delivery = new IpnDelivery(Interlocked.Increment(ref _sequence), job.OrderTrackingId, job.MerchantReference, job.Ipn.IpnId,
            job.Ipn.Url, job.Ipn.Type == IpnNotificationType.Post ? "POST" : "GET", job.Copy, job.Attempt, sentAt, durationMs,
            outcome, httpStatus, detail, willRetry);
        _all.Enqueue(delivery);
        Interlocked.Increment(ref _byOutcome[(int)outcome]);
        return delivery;
    }

    public IReadOnlyList<IpnDelivery> List(Guid? orderTrackingId, int limit) =>
        [.. _all.Where(d => orderTrackingId is null || d.OrderTrackingId == orderTrackingId).TakeLast(limit)];

    public IReadOnlyDictionary<IpnOutcome, long> CountsByOutcome() =>
        Enum.GetValues<IpnOutcome>().ToDictionary(o => o, o => Interlocked.Read(ref _byOutcome[(int)o]));

    public void Clear()
    {
        _all.Clear();
        for (var i = 0; i < _byOutcome.Length; i++) Interlocked.Exchange(ref _byOutcome[i], 0);
    }
}
