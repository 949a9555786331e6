using System.Diagnostics.Metrics;

namespace Purl.Core.Counters;

/// <summary>The <c>Purl.Social</c> meter: counter flushes and feed fan-out, for the ops page and /metrics.</summary>
public sealed class SocialTelemetry
{
    public const string Name = "Purl.Social";

    private readonly Counter<long> _flushedEntries;
    private readonly Histogram<double> _flushDuration;
    private readonly Counter<long> _fanOutItems;

    public SocialTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _flushedEntries = meter.CreateCounter<long>("purl.counters.flushed", "{increment}", "Counter increments folded into Postgres");
        _flushDuration = meter.CreateHistogram<double>("purl.counters.flush.duration", "s", "One counter batch: Postgres transaction and Redis settle");
        _fanOutItems = meter.CreateCounter<long>("purl.feed.fanout.items", "{item}", "Feed items written by the fan-out");
    }

    public void Flushed(int entries, TimeSpan took)
    {
        _flushedEntries.Add(entries);
        _flushDuration.Record(took.TotalSeconds);
    }

    public void FannedOut(long items) => _fanOutItems.Add(items);
}
