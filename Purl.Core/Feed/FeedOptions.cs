namespace Purl.Core.Feed;

/// <summary>Settings under <c>Feed:</c>.</summary>
public sealed class FeedOptions
{
    public const string Section = "Feed";

    /// <summary>
    /// A store with more followers than this when it publishes is not fanned out: its posts are merged into followers'
    /// feeds when they are read, so one very popular store cannot hold up the fan-out queue.
    /// </summary>
    public long FanOutFollowerThreshold { get; set; } = 100_000;

    /// <summary>Followers per fan-out transaction (one bulk insert each).</summary>
    public int FanOutBatchSize { get; set; } = 5_000;

    /// <summary>How many of a store's most recent live posts a new follower's feed gets at once.</summary>
    public int FollowMergePosts { get; set; } = 20;

    /// <summary>Posts that give no expiry leave feeds after this long.</summary>
    public TimeSpan DefaultPostLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The latest expiry a vendor may give a post.</summary>
    public TimeSpan MaxPostLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How many trending posts are kept, and how long the list is cached in Redis.</summary>
    public int TrendingSize { get; set; } = 100;
    public TimeSpan TrendingCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a buyer's <c>/stories</c> stays cached (dropped sooner when they follow, unfollow or view).</summary>
    public TimeSpan StoriesCacheLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the worker removes expired feed items and deleted posts, and how many rows per statement.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
    public int CleanupBatchSize { get; set; } = 5_000;

    /// <summary>Test hook (zero, off): the fan-out waits this long after each committed batch, so a test can kill it mid-way.</summary>
    public TimeSpan PauseAfterFanOutBatch { get; set; }
}
