namespace Purl.Api.Client.Social;

/// <summary>The routes of follows, posts and stories, shared by Purl.Api (mapping), this client and the tests.</summary>
public static class SocialRoutes
{
    public const string Follow = "/vendors/{vendorId}/follow";
    public const string Following = "/me/following";
    public const string Post = "/posts/{postId}";
    public const string Like = "/posts/{postId}/like";
    public const string Views = "/posts/{postId}/views";
    public const string Shares = "/posts/{postId}/shares";
    public const string Comments = "/posts/{postId}/comments";
    public const string StoryViews = "/stories/{storyId}/views";
    public const string VendorPosts = "/vendor/posts";
    public const string VendorPost = "/vendor/posts/{postId}";
    public const string VendorStories = "/vendor/stories";
    public const string VendorMedia = "/vendor/media";
    public const string FollowerHistory = "/vendor/followers/history";
}

public sealed record VendorSummary(Guid Id, string Name, string? LogoUrl, bool Verified);

/// <summary>The answer to follow and unfollow, the same however many times they are sent.</summary>
public sealed record FollowResponse(Guid VendorId, bool Following, long FollowerCount);

public sealed record FollowedVendor(VendorSummary Vendor, long FollowerCount, DateTimeOffset FollowedAt);

public sealed record TaggedProduct(Guid Id, string Name, decimal Price, string Currency, string? ImageUrl);

/// <summary>A post. Counts include increments not yet folded into the database, so a buyer sees their own like at once.</summary>
public sealed record PostResponse(
    Guid Id,
    VendorSummary Vendor,
    string? Caption,
    IReadOnlyList<string> Images,
    IReadOnlyList<TaggedProduct> TaggedProducts,
    bool IsPremium,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    long LikeCount,
    long ViewCount,
    long ShareCount,
    long CommentCount,
    bool LikedByMe);

/// <summary>
/// Publish or replace a post. <c>images</c>: 1–10 http(s) URLs or paths (<c>/media/{hash}.jpg</c>); <c>taggedProductIds</c>:
/// the store's own products; <c>expiresAt</c>: in the future, at most 90 days away (30 days when left out).
/// </summary>
public sealed record PostRequest(
    string? Caption,
    IReadOnlyList<string>? Images,
    IReadOnlyList<Guid>? TaggedProductIds = null,
    bool IsPremium = false,
    DateTimeOffset? ExpiresAt = null);

/// <summary><c>POST /posts/{id}/like</c> answers <c>{liked: true, likeCount}</c> every time; <c>DELETE</c> <c>{liked: false, likeCount}</c>.</summary>
public sealed record LikeResponse(bool Liked, long LikeCount);

public sealed record ViewResponse(long ViewCount);

public sealed record ShareResponse(long ShareCount);

/// <summary>A comment: 1 to 2,000 characters.</summary>
public sealed record CommentRequest(string? Body);

public sealed record CommentAuthor(Guid Id, string Name);

public sealed record CommentResponse(Guid Id, Guid PostId, CommentAuthor Author, string Body, DateTimeOffset CreatedAt);

/// <summary>A story: its photo or video (an http(s) URL or a path) and an optional caption. It lives 24 hours.</summary>
public sealed record StoryRequest(string? MediaUrl, string? Caption = null);

public sealed record StoryResponse(Guid Id, Guid VendorId, string MediaUrl, string? Caption, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary><c>GET /vendor/stories</c>: the store's live stories, newest first (at most 50).</summary>
public sealed record VendorStoriesResponse(IReadOnlyList<StoryResponse> Items);

/// <summary>
/// A photo uploaded for a post or a story (<c>POST /vendor/media</c>, multipart field <c>file</c>): put <c>url</c> in a
/// post's <c>images</c> or a story's <c>mediaUrl</c>.
/// </summary>
public sealed record MediaResponse(string Url, string ThumbnailUrl, int Width, int Height);

/// <summary>Story views count viewers: a buyer's second view of a story changes nothing.</summary>
public sealed record StoryViewResponse(long ViewCount);

/// <summary>
/// Followers day by day (Africa/Nairobi days, oldest first): <c>newFollowers</c> is follows minus unfollows that day,
/// <c>followers</c> the count at the end of it. <c>range</c> is <c>7d</c>, <c>30d</c> or <c>90d</c>.
/// </summary>
public sealed record FollowerHistoryResponse(string Range, long FollowerCount, IReadOnlyList<FollowerDay> Items);

public sealed record FollowerDay(DateOnly Day, int NewFollowers, long Followers);
