namespace Purl.Core.Messaging;

/// <summary>The <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";
    public static readonly TimeSpan[] DefaultRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    /// <summary>Unacknowledged deliveries a consumer holds at once.</summary>
    public ushort Prefetch { get; set; } = 16;

    /// <summary>
    /// One delayed retry per entry, then the dead-letter queue. Null means <see cref="DefaultRetryDelays"/> (an array
    /// default would be appended to by the configuration binder rather than replaced).
    /// </summary>
    public TimeSpan[]? RetryDelays { get; set; }

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays ?? DefaultRetryDelays;

    /// <summary>Rows the relay publishes per transaction.</summary>
    public int OutboxBatchSize { get; set; } = 100;

    /// <summary>The relay is woken after each commit that adds events; this poll is the backstop (other hosts' commits, missed wake-ups).</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts to reach RabbitMQ.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan QueueDepthSampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan ProcessedRetention { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Test hook, off (zero) by default: the consumer runner waits this long after committing a handled message and
    /// before acknowledging it, so a test can SIGKILL the process in exactly that window.
    /// </summary>
    public TimeSpan PauseAfterCommit { get; set; } = TimeSpan.Zero;
}
