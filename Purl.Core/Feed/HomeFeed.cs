using Purl.Api.Client;
using Npgsql;
using Purl.Core.Social;

namespace Purl.Core.Feed;

public sealed record FeedEntry(PostCard Post, FeedSource Source);

/// <summary>
/// <c>GET /feed</c>: the buyer's pre-computed items (fan-out on write) merged with the posts of followed big stores
/// (fan-in on read), highest <see cref="FeedScore"/> first, then — once those run out — trending posts from stores they
/// do not follow. Each page is one Postgres statement (the page and its posts' counts together; <see cref="PostCards"/>
/// keeps the rest of each card) and one Redis call for pending counts. The cursor is a keyset position: <c>f</c> (score,
/// post id) while in followed posts, <c>t</c> in trending.
/// </summary>
public sealed class HomeFeed(PostCards cards, TrendingPosts trending, TimeProvider time)
{
    private const string Following = "f";
    private const string Trending = "t";

    // The big stores' branch only probes stores the buyer follows, through a partial index of posts merged at read.
    public const string FollowingPage = """
        SELECT post_id, sort_key FROM (
            (SELECT fi.post_id, fi.score AS sort_key
             FROM feed_items AS fi JOIN posts AS p ON p.id = fi.post_id
             WHERE fi.user_id = @me AND (fi.score, fi.post_id) < (@score, @post)
               AND p.is_active AND (p.expires_at IS NULL OR p.expires_at > @now)
             ORDER BY fi.score DESC, fi.post_id DESC
             LIMIT @take)
            UNION ALL
            (SELECT p.id, p.feed_score
             FROM follows AS f JOIN posts AS p ON p.vendor_id = f.vendor_id AND p.merged_at_read AND p.is_active
             WHERE f.user_id = @me AND (p.expires_at IS NULL OR p.expires_at > @now) AND (p.feed_score, p.id) < (@score, @post)
             ORDER BY p.feed_score DESC, p.id DESC
             LIMIT @take)
        ) AS merged
        ORDER BY sort_key DESC, post_id DESC
        LIMIT @take
        """;

    /// <summary>Trending posts of stores the buyer does not follow, after the cursor; the caller adds the LIMIT.</summary>
    private const string TrendingPosts = """
        SELECT t.id AS post_id, t.score AS sort_key
        FROM unnest(@ids::uuid[], @vendors::uuid[], @scores::float8[]) AS t(id, vendor_id, score)
        JOIN posts AS p ON p.id = t.id AND p.is_active AND (p.expires_at IS NULL OR p.expires_at > @now)
        WHERE (t.score, t.id) < (@trending_score, @trending_post)
          AND NOT EXISTS (SELECT 1 FROM follows AS f WHERE f.user_id = @me AND f.vendor_id = t.vendor_id)
        ORDER BY t.score DESC, t.id DESC
        """;

    /// <summary>
    /// A page in followed posts, with the trending posts that fill it when they run out, in one statement: tier 0 is up
    /// to <c>@take</c> followed posts; tier 1, only when fewer than <c>@take - 1</c> came, the trending posts for the room left
    /// plus one (which tells whether more follow).
    /// </summary>
    private static readonly string FollowingThenTrendingPage = $"""
        WITH followed AS ({FollowingPage})
        SELECT post_id, sort_key, 0 AS tier FROM followed
        UNION ALL
        SELECT post_id, sort_key, 1 FROM ({TrendingPosts}
            LIMIT @take - (SELECT count(*) FROM followed)) AS trending
        WHERE (SELECT count(*) FROM followed) < @take - 1
        """;

    private static readonly string TrendingPage = $"{TrendingPosts} LIMIT @take";

    public async Task<Outcome<Page<FeedEntry>>> ReadAsync(Guid userId, string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var take = PageLimit.Resolve(limit, errors);
        var after = KeysetCursor.Parse(cursor, errors, Following, Trending);
        if (errors.Any) return errors.ToProblem();
        var now = time.GetUtcNow();
        var candidates = await trending.GetAsync(ct);

        if (after is null || after.Value.Kind == Following)
        {
            var page = await cards.ReadTieredAsync(FollowingThenTrendingPage, userId, p =>
            {
                p.AddWithValue("me", userId);
                p.AddWithValue("score", after?.Value ?? double.PositiveInfinity);
                p.AddWithValue("post", after?.Id ?? Guid.AllBitsSet);
                p.AddWithValue("now", now);
                p.AddWithValue("take", take + 1);
                AddTrending(p, candidates, null);
            }, ct);
            var followed = page.Where(card => card.Tier == 0).ToList();
            var entries = followed.Take(take).Select(card => new FeedEntry(card, FeedSource.Following)).ToList();
            if (followed.Count > take)
                return new Page<FeedEntry>(entries, new KeysetCursor(Following, entries[^1].Post.SortKey, entries[^1].Post.Id).Encode());
            var room = take - entries.Count;
            if (room == 0)
                return new Page<FeedEntry>(entries, new KeysetCursor(Trending, double.PositiveInfinity, Guid.AllBitsSet).Encode());
            return Filled(entries, page.Where(card => card.Tier == 1).ToList(), room);
        }

        var more = await cards.ReadAsync(TrendingPage, userId, p =>
        {
            p.AddWithValue("me", userId);
            p.AddWithValue("now", now);
            p.AddWithValue("take", take + 1);
            AddTrending(p, candidates, after);
        }, ct);
        return Filled([], more, take);
    }

    /// <summary>The entries so far, then up to <paramref name="room"/> trending posts; a cursor when one more came.</summary>
    private static Page<FeedEntry> Filled(List<FeedEntry> entries, IReadOnlyList<PostCard> trending, int room)
    {
        entries.AddRange(trending.Take(room).Select(card => new FeedEntry(card, FeedSource.Trending)));
        return new Page<FeedEntry>(entries,
            trending.Count > room ? new KeysetCursor(Trending, entries[^1].Post.SortKey, entries[^1].Post.Id).Encode() : null);
    }

    private static void AddTrending(NpgsqlParameterCollection p, IReadOnlyList<TrendingPost> candidates, KeysetCursor? after)
    {
        p.AddWithValue("ids", candidates.Select(c => c.PostId).ToArray());
        p.AddWithValue("vendors", candidates.Select(c => c.VendorId).ToArray());
        p.AddWithValue("scores", candidates.Select(c => c.Score).ToArray());
        p.AddWithValue("trending_score", after?.Value ?? double.PositiveInfinity);
        p.AddWithValue("trending_post", after?.Id ?? Guid.AllBitsSet);
    }
}
