using Purl.Api.Client;
using Purl.Api.Client.Feed;
using Purl.Api.Client.Social;
using Purl.Core;
using Purl.Core.Feed;
using Purl.Core.Social;
using ClientFeedItem = Purl.Api.Client.Feed.FeedItem;
using ClientFollowedVendor = Purl.Api.Client.Social.FollowedVendor;

namespace Purl.Api.Apis;

/// <summary>The social and feed domain's read models, as the API's DTOs.</summary>
internal static class SocialMapping
{
    public static VendorSummary ToSummary(this VendorCard v) => new(v.Id, v.Name, v.LogoUrl, v.Verified);

    public static PostResponse ToResponse(this PostCard p) => new(
        p.Id, p.Vendor.ToSummary(), p.Caption, p.Images, p.TaggedProducts.Select(ToResponse).ToList(), p.IsPremium,
        p.CreatedAt, p.ExpiresAt, p.LikeCount, p.ViewCount, p.ShareCount, p.CommentCount, p.LikedByMe);

    public static ClientFeedItem ToResponse(this FeedEntry e) => new(
        e.Post.Id, e.Post.Vendor.ToSummary(), e.Post.Caption, e.Post.Images, e.Post.TaggedProducts.Select(ToResponse).ToList(),
        e.Post.CreatedAt, e.Post.ExpiresAt, e.Post.LikeCount, e.Post.ViewCount, e.Post.ShareCount, e.Post.CommentCount, e.Post.LikedByMe,
        e.Source == FeedSource.Trending ? FeedItemSource.Trending : FeedItemSource.Following);

    public static TaggedProduct ToResponse(this TaggedProductCard t) => new(t.Id, t.Name, t.Price, t.Currency, t.ImageUrl);

    public static CommentResponse ToResponse(this CommentCard c) => new(c.Id, c.PostId, new CommentAuthor(c.AuthorId, c.AuthorName), c.Body, c.CreatedAt);

    public static ClientFollowedVendor ToResponse(this Core.Social.FollowedVendor f) => new(f.Vendor.ToSummary(), f.FollowerCount, f.FollowedAt);

    public static StoryGroup ToResponse(this StoryGroupCard g) => new(
        g.Vendor.ToSummary(), g.HasUnseen, g.Stories.Select(s => new StoryItem(s.Id, s.MediaUrl, s.CreatedAt, s.ExpiresAt, s.Seen)).ToList());

    public static Page<TOut> ToResponse<TIn, TOut>(this Page<TIn> page, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToList(), page.NextCursor);

    public static PostDraft ToDraft(this PostRequest r) => new(r.Caption, r.Images, r.TaggedProductIds, r.IsPremium, r.ExpiresAt);
}
