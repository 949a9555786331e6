using System.Globalization;

namespace Purl.Core.Counters;

public enum CounterKind
{
    PostLikes,
    PostComments,
    PostViews,
    PostShares,
    StoryViews,
    VendorFollowers,
    /// <summary>Views of the store's posts and stories on one Africa/Nairobi day.</summary>
    VendorDayViews,
    /// <summary>Likes given to the store's posts on one day, net of likes taken back that day.</summary>
    VendorDayLikes,
    /// <summary>Follows of the store on one day, net of unfollows that day.</summary>
    VendorDayFollowers,
}

/// <summary>
/// One hot counter. Its text form (<c>post:{id}:likes</c>, <c>vendor:{id}:20261123:views</c>) names it in Redis.
/// </summary>
public readonly record struct CounterKey(CounterKind Kind, Guid Id, DateOnly Day = default)
{
    public static CounterKey PostLikes(Guid postId) => new(CounterKind.PostLikes, postId);
    public static CounterKey PostComments(Guid postId) => new(CounterKind.PostComments, postId);
    public static CounterKey PostViews(Guid postId) => new(CounterKind.PostViews, postId);
    public static CounterKey PostShares(Guid postId) => new(CounterKind.PostShares, postId);
    public static CounterKey StoryViews(Guid storyId) => new(CounterKind.StoryViews, storyId);
    public static CounterKey VendorFollowers(Guid vendorId) => new(CounterKind.VendorFollowers, vendorId);
    public static CounterKey VendorDayViews(Guid vendorId, DateOnly day) => new(CounterKind.VendorDayViews, vendorId, day);
    public static CounterKey VendorDayLikes(Guid vendorId, DateOnly day) => new(CounterKind.VendorDayLikes, vendorId, day);
    public static CounterKey VendorDayFollowers(Guid vendorId, DateOnly day) => new(CounterKind.VendorDayFollowers, vendorId, day);

    /// <summary>
    /// A count of rows that are facts (likes, comments, follows). The aggregator recomputes it from the rows rather than
    /// adding increments to it, so an increment lost between a commit and Redis (or in a Redis crash) cannot make it drift.
    /// </summary>
    public bool IsFact => Kind is CounterKind.PostLikes or CounterKind.PostComments or CounterKind.VendorFollowers;

    public bool IsDaily => Kind is CounterKind.VendorDayViews or CounterKind.VendorDayLikes or CounterKind.VendorDayFollowers;

    public override string ToString() => Kind switch
    {
        CounterKind.PostLikes => $"post:{Id:N}:likes",
        CounterKind.PostComments => $"post:{Id:N}:comments",
        CounterKind.PostViews => $"post:{Id:N}:views",
        CounterKind.PostShares => $"post:{Id:N}:shares",
        CounterKind.StoryViews => $"story:{Id:N}:views",
        CounterKind.VendorFollowers => $"vendor:{Id:N}:followers",
        CounterKind.VendorDayViews => $"vendor:{Id:N}:{Day:yyyyMMdd}:views",
        CounterKind.VendorDayLikes => $"vendor:{Id:N}:{Day:yyyyMMdd}:likes",
        CounterKind.VendorDayFollowers => $"vendor:{Id:N}:{Day:yyyyMMdd}:followers",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    public static bool TryParse(string? text, out CounterKey key)
    {
        key = default;
        var parts = text?.Split(':');
        if (parts is null || parts.Length is < 3 or > 4 || !Guid.TryParseExact(parts[1], "N", out var id))
            return false;
        if (parts.Length == 3)
        {
            CounterKind? kind = (parts[0], parts[2]) switch
            {
                ("post", "likes") => CounterKind.PostLikes,
                ("post", "comments") => CounterKind.PostComments,
                ("post", "views") => CounterKind.PostViews,
                ("post", "shares") => CounterKind.PostShares,
                ("story", "views") => CounterKind.StoryViews,
                ("vendor", "followers") => CounterKind.VendorFollowers,
                _ => null,
            };
            if (kind is null) return false;
            key = new CounterKey(kind.Value, id);
            return true;
        }
        if (parts[0] != "vendor" || !DateOnly.TryParseExact(parts[2], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return false;
        CounterKind? daily = parts[3] switch
        {
            "views" => CounterKind.VendorDayViews,
            "likes" => CounterKind.VendorDayLikes,
            "followers" => CounterKind.VendorDayFollowers,
            _ => null,
        };
        if (daily is null) return false;
        key = new CounterKey(daily.Value, id, day);
        return true;
    }
}

/// <summary>An increment (or decrement) of one counter.</summary>
public readonly record struct CounterDelta(CounterKey Key, long Delta);
