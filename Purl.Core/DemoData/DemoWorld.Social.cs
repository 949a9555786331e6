using Purl.Core.Catalog;
using Purl.Core.Feed;
using Purl.Core.Social;

namespace Purl.Core.DemoData;

internal sealed partial class DemoWorld
{
    private void AddFollows()
    {
        var hot = HotVendor;
        // The bench's "one vendor with very many followers": exactly that many, the first buyers.
        for (var i = 0; i < _hotFollowers; i++)
            AddFollow(_buyers[i], hot);

        // Everyone else: a long tail, most buyers follow a few stores and a few stores have most followers.
        var weights = Vendors.Select((v, i) => _hotFollowers > 0 && v.Id == hot.Id ? 0 : _popularity[i]).ToList();
        var total = weights.Sum();
        if (total <= 0)
            return;
        var candidates = weights.Count(w => w > 0);
        for (var b = 0; b < _longTailBuyers; b++)
        {
            var wanted = Math.Min(candidates, 1 + (int)(-Math.Log(1 - _random.NextDouble()) * 3));
            var chosen = new HashSet<int>();
            while (chosen.Count < wanted)
                chosen.Add(PickWeighted(weights, total));
            foreach (var v in chosen)
                AddFollow(_buyers[b], Vendors[v]);
        }
        // The demo buyer sees the demo store in their feed.
        AddFollow(_buyers[0], DemoVendor);
    }

    private void AddFollow(Purl.Core.Identity.PurlUser buyer, Vendor vendor)
    {
        var following = _followingByBuyer.TryGetValue(buyer.Id, out var list) ? list : _followingByBuyer[buyer.Id] = [];
        if (following.Contains(vendor.Id))
            return;
        following.Add(vendor.Id);
        _followersByVendor[vendor.Id].Add(buyer.Id);
        var since = buyer.CreatedAt > vendor.CreatedAt ? buyer.CreatedAt : vendor.CreatedAt;
        Follows.Add(new Follow { UserId = buyer.Id, VendorId = vendor.Id, FollowedAt = Between(Max(since, _now.AddDays(-90)), _now) });
    }

    private void AddPosts()
    {
        foreach (var vendor in Vendors)
        {
            var shelf = _productsByVendor[vendor.Id].Where(p => p.IsActive && p.IsPublished).ToList();
            if (shelf.Count == 0)
                continue;
            var followers = _followersByVendor[vendor.Id];
            var catalog = _storeCatalog[vendor.Id];
            var count = Between(3, 6) + (int)(10 * _popularity[_vendorIndex[vendor.Id]]);
            for (var n = 0; n < count; n++)
            {
                var createdAt = Before(_now, days: 30);
                var tagged = Sample(shelf, Between(1, 3));
                var post = new Post
                {
                    Id = Guid.CreateVersion7(createdAt),
                    VendorId = vendor.Id,
                    Caption = Pick(DemoNames.Captions),
                    Images = tagged.Select(p => DemoNames.Tile(catalog.Colour, p.Name)).ToList(),
                    TaggedProductIds = tagged.Select(p => p.Id).ToList(),
                    IsPremium = Chance(0.1),
                    CreatedAt = createdAt,
                    UpdatedAt = createdAt,
                    // As publishing decides it, with the default threshold: a store this big is merged at read time.
                    MergedAtRead = followers.Count > new FeedOptions().FanOutFollowerThreshold,
                };
                post.FeedScore = FeedScore.Compute(post.CreatedAt, post.IsPremium);
                AddEngagement(post, followers);
                Posts.Add(post);
                FanOut(post, followers);
            }
        }
    }

    /// <summary>Likes and comments as rows from the store's followers; the post's counters are their counts.</summary>
    private void AddEngagement(Post post, List<Guid> followers)
    {
        var likes = Math.Min(500, (int)(followers.Count * (0.02 + _random.NextDouble() * 0.25)));
        foreach (var userId in Sample(followers, likes))
            PostLikes.Add(new PostLike { PostId = post.Id, UserId = userId, LikedAt = Between(post.CreatedAt, _now) });
        post.LikeCount = likes;

        var comments = followers.Count == 0 ? 0 : Between(0, 4);
        for (var c = 0; c < comments; c++)
        {
            PostComments.Add(new PostComment
            {
                Id = Guid.CreateVersion7(post.CreatedAt),
                PostId = post.Id,
                UserId = Pick(followers),
                Body = Pick(DemoNames.Comments),
                CreatedAt = Between(post.CreatedAt, _now),
            });
        }
        post.CommentCount = comments;
        post.ViewCount = likes * Between(6, 20) + Between(0, 50);
        post.ShareCount = likes / Between(4, 12);
    }

    /// <summary>What the fan-out worker would have written when the post was published.</summary>
    private void FanOut(Post post, List<Guid> followers)
    {
        if (post.MergedAtRead)
            return;
        foreach (var userId in followers)
        {
            FeedItems.Add(new FeedItem
            {
                UserId = userId,
                PostId = post.Id,
                VendorId = post.VendorId,
                Score = post.FeedScore,
                Source = FeedSource.Following,
                CreatedAt = post.CreatedAt,
                ExpiresAt = post.ExpiresAt,
            });
        }
    }

    private void AddStories()
    {
        foreach (var vendor in Vendors)
        {
            var rank = _vendorIndex[vendor.Id];
            if (rank >= 10 && !Chance(0.5))
                continue;
            var catalog = _storeCatalog[vendor.Id];
            var followers = _followersByVendor[vendor.Id].Count;
            for (var n = Between(1, 4); n > 0; n--)
            {
                // Posted within the last 20 hours, so every demo story is still live for a few hours at least.
                var story = Story.Create(vendor.Id, DemoNames.Tile(catalog.Colour, Pick(DemoNames.Captions)), _now - TimeSpan.FromHours(0.5 + _random.NextDouble() * 19.5));
                story.Id = Guid.CreateVersion7(story.CreatedAt);
                story.Caption = Pick(DemoNames.Captions);
                story.ViewCount = (long)(followers * (0.05 + _random.NextDouble() * 0.35));
                Stories.Add(story);
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
