using System.Text;
using System.Text.Json;

namespace Purl.Core.Messaging;

/// <summary>How events, routing keys, queues and headers are named on the wire. One place, so producers and consumers agree.</summary>
public static class MessagingNames
{
    public const string Exchange = "purl.events";
    public const string UnroutedExchange = "purl.unrouted";
    public const string UnroutedQueue = "purl.unrouted";
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";
    /// <summary>1 on the first delivery; a retry carries the attempt it is.</summary>
    public const string AttemptHeader = "x-purl-attempt";
    public const string ExceptionHeader = "x-purl-exception";
    public const string ExceptionTypeHeader = "x-purl-exception-type";

    /// <summary>Payloads are JSON with web defaults (camelCase), like the API.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string EventName(Type eventType) => eventType.Name;

    /// <summary><c>PostPublished</c> → <c>post.published</c>.</summary>
    public static string RoutingKey(Type eventType) => SplitWords(eventType.Name, '.');

    /// <summary><c>FeedFanOut</c> → <c>feed-fan-out</c>.</summary>
    public static string ConsumerName(Type consumerType) => SplitWords(consumerType.Name, '-');

    public static string Queue(string consumer) => $"purl.{consumer}";
    public static string DeadLetterQueue(string consumer) => $"purl.{consumer}.dlq";

    /// <summary>
    /// Retry queues are named after their delay, so changing the configured delays declares new queues instead of
    /// clashing with the arguments of existing ones (which RabbitMQ refuses, closing the channel).
    /// </summary>
    public static string RetryQueue(string consumer, TimeSpan delay) => $"purl.{consumer}.retry.{FormatDelay(delay)}";

    private static string FormatDelay(TimeSpan delay) =>
        delay.Milliseconds == 0 ? $"{(long)delay.TotalSeconds}s" : $"{(long)delay.TotalMilliseconds}ms";

    private static string SplitWords(string pascal, char separator)
    {
        var tick = pascal.IndexOf('`');
        if (tick >= 0) pascal = pascal[..tick];
        var result = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0) result.Append(separator);
            result.Append(char.ToLowerInvariant(c));
        }
        return result.ToString();
    }
}
