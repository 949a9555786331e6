using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using RabbitMQ.Client;

namespace Purl.Core.Messaging;

/// <summary>The <c>Purl.Messaging</c> meter and activity source: throughput, failures, outbox lag and queue depths.</summary>
public sealed class MessagingTelemetry
{
    public const string Name = "Purl.Messaging";
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _published;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _deadLettered;
    private readonly ConcurrentDictionary<(string Consumer, string Queue), long> _depths = new();
    private long _oldestUnsentTicks; // 0 when the outbox is empty

    public MessagingTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _published = meter.CreateCounter<long>("purl.messaging.published", "{message}", "Outbox rows published and confirmed by RabbitMQ");
        _consumed = meter.CreateCounter<long>("purl.messaging.consumed", "{message}", "Messages a consumer handled (duplicate=true: already handled before, skipped)");
        _failed = meter.CreateCounter<long>("purl.messaging.failed", "{message}", "Handler attempts that threw");
        _deadLettered = meter.CreateCounter<long>("purl.messaging.dead_lettered", "{message}", "Messages moved to a dead-letter queue");
        meter.CreateObservableGauge("purl.messaging.outbox.lag", ObserveOutboxLag, "s", "Age of the oldest unsent outbox row, as last seen by this host's relay");
        meter.CreateObservableGauge("purl.messaging.queue.depth", ObserveDepths, "{message}", "Messages ready in a consumer's queue or dead-letter queue, sampled every few seconds");
    }

    public void Published(int count) => _published.Add(count);
    public void Consumed(string consumer, bool duplicate) => _consumed.Add(1, new("consumer", consumer), new("duplicate", duplicate));
    public void Failed(string consumer) => _failed.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
    public void DeadLettered(string consumer) => _deadLettered.Add(1, new KeyValuePair<string, object?>("consumer", consumer));

    public void OldestUnsent(DateTimeOffset? createdAt) => Interlocked.Exchange(ref _oldestUnsentTicks, createdAt?.UtcTicks ?? 0);
    public void QueueDepth(string consumer, string queue, long depth) => _depths[(consumer, queue)] = depth;

    private double ObserveOutboxLag()
    {
        var ticks = Interlocked.Read(ref _oldestUnsentTicks);
        return ticks == 0 ? 0 : Math.Max(0, (DateTimeOffset.UtcNow.UtcTicks - ticks) / (double)TimeSpan.TicksPerSecond);
    }

    private IEnumerable<Measurement<long>> ObserveDepths() =>
        _depths.Select(d => new Measurement<long>(d.Value, new("consumer", d.Key.Consumer), new("queue", d.Key.Queue)));
}

/// <summary>Reading Purl's headers back from a delivery: AMQP hands strings back as byte arrays.</summary>
internal static class MessageHeaders
{
    public static string? GetString(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out var value)
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), string s => s, null => null, _ => value.ToString() }
            : null;

    public static int Attempt(IReadOnlyBasicProperties properties) =>
        properties.Headers is { } headers && headers.TryGetValue(MessagingNames.AttemptHeader, out var value)
            ? value switch { int i => i, long l => (int)l, byte[] b when int.TryParse(Encoding.UTF8.GetString(b), out var p) => p, _ => 1 }
            : 1;

    public static ActivityContext Parent(IReadOnlyBasicProperties properties) =>
        ActivityContext.TryParse(
            GetString(properties.Headers, MessagingNames.TraceParentHeader),
            GetString(properties.Headers, MessagingNames.TraceStateHeader),
            isRemote: true,
            out var context) ? context : default;
}
