using Purl.Api.Client.Social;

namespace Purl.Api.Client.Feed;

public static class FeedRoutes
{
    public const string Feed = "/feed";
    public const string Stories = "/stories";
}

/// <summary>Why a post is in the feed: a followed store, or discovery when followed posts run out.</summary>
public enum FeedItemSource { Following, Trending }

/// <summary>One post of the home feed (<c>id</c> is the post's id).</summary>
public sealed record FeedItem(
    Guid Id,
    VendorSummary Vendor,
    string? Caption,
    IReadOnlyList<string> Images,
    IReadOnlyList<TaggedProduct> TaggedProducts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    long LikeCount,
    long ViewCount,
    long ShareCount,
    long CommentCount,
    bool LikedByMe,
    FeedItemSource Source);

/// <summary><c>GET /stories</c>: followed stores with live stories, those with something unseen first.</summary>
public sealed record StoriesResponse(IReadOnlyList<StoryGroup> Items);

public sealed record StoryGroup(VendorSummary Vendor, bool HasUnseen, IReadOnlyList<StoryItem> Stories);

public sealed record StoryItem(Guid Id, string MediaUrl, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Seen);
