using System.Collections.Concurrent;
using Npgsql;
using Purl.Core.Counters;

namespace Purl.Core.Social;

public sealed record VendorCard(Guid Id, string Name, string? LogoUrl, bool Verified);

public sealed record TaggedProductCard(Guid Id, string Name, decimal Price, string Currency, string? ImageUrl);

/// <summary>A post as buyers see it: its store, tagged products, counts (stored plus pending) and whether they liked it.</summary>
public sealed record PostCard(
    Guid Id,
    VendorCard Vendor,
    string? Caption,
    IReadOnlyList<string> Images,
    IReadOnlyList<TaggedProductCard> TaggedProducts,
    bool IsPremium,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    long LikeCount,
    long ViewCount,
    long ShareCount,
    long CommentCount,
    bool LikedByMe,
    bool IsActive)
{
    /// <summary>The value the page was ordered by (a feed score, or a time for lists by date).</summary>
    public double SortKey { get; init; }

    /// <summary>Which part of a page made of parts the post came from (<see cref="PostCards.ReadTieredAsync"/>); 0 otherwise.</summary>
    public int Tier { get; init; }
}

/// <summary>
/// Reads a page of posts in one query: the page's ids come from a CTE the caller writes (<c>page(post_id, sort_key)</c>),
/// and the same statement joins the posts and their stores (the tagged products' cards are on the post, see
/// <see cref="TaggedProducts"/>) and checks the viewer's likes. Then one
/// Redis call adds what the counters have pending.
/// </summary>
public sealed class PostCards(NpgsqlDataSource dataSource, HotCounters counters)
{
    /// <summary>Each statement is built once: callers pass constant page SQL, and a feed page should not rebuild 3 KB of text.</summary>
    private static readonly ConcurrentDictionary<(string PageSql, string Tier), string> Statements = new();

    /// <summary>The hydrating SELECT after the caller's <c>page</c>; <paramref name="tier"/> is its column or a constant.</summary>
    private static string Hydrate(string tier) => $"""
        SELECT p.id, p.vendor_id, v.name, v.logo_url, v.is_verified, p.caption, p.images, p.is_premium, p.created_at, p.expires_at,
               p.like_count, p.view_count, p.share_count, p.comment_count, p.is_active,
               EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = p.id AND l.user_id = @viewer) AS liked_by_me,
               convert_to(p.tagged_products::text, 'UTF8'), page.sort_key, {tier} AS tier
        FROM page
        JOIN posts AS p ON p.id = page.post_id
        JOIN vendors AS v ON v.id = p.vendor_id
        ORDER BY tier, page.sort_key DESC, p.id DESC
        """;

    /// <summary>One post, active or not (callers decide what a deleted post means to them).</summary>
    public async Task<PostCard?> GetAsync(Guid postId, Guid viewer, CancellationToken cancellationToken)
    {
        var cards = await ReadAsync("SELECT @post::uuid AS post_id, 0::float8 AS sort_key", viewer,
            parameters => parameters.AddWithValue("post", postId), cancellationToken);
        return cards.Count == 0 ? null : cards[0];
    }

    /// <param name="pageSql">A SELECT of <c>post_id, sort_key</c>: the posts of the page (any order; the result is by sort_key, highest first).</param>
    public Task<IReadOnlyList<PostCard>> ReadAsync(string pageSql, Guid viewer, Action<NpgsqlParameterCollection> parameters,
        CancellationToken cancellationToken) =>
        ReadAsync(pageSql, "0", viewer, parameters, cancellationToken);

    /// <summary>
    /// A page made of parts, read in one statement: <paramref name="pageSql"/> selects <c>post_id, sort_key, tier</c>; the
    /// result is by tier, then sort_key highest first, and each card carries its <see cref="PostCard.Tier"/>.
    /// </summary>
    public Task<IReadOnlyList<PostCard>> ReadTieredAsync(string pageSql, Guid viewer, Action<NpgsqlParameterCollection> parameters,
        CancellationToken cancellationToken) =>
        ReadAsync(pageSql, "page.tier", viewer, parameters, cancellationToken);

    private async Task<IReadOnlyList<PostCard>> ReadAsync(string pageSql, string tier, Guid viewer, Action<NpgsqlParameterCollection> parameters,
        CancellationToken cancellationToken)
    {
        var cards = new List<PostCard>();
        var sql = Statements.GetOrAdd((pageSql, tier), static key => $"WITH page AS ({key.PageSql})\n{Hydrate(key.Tier)}");
        await using (var command = dataSource.CreateCommand(sql))
        {
            command.Parameters.AddWithValue("viewer", viewer);
            parameters(command.Parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                cards.Add(Read(reader));
        }
        return await WithPendingAsync(cards, cancellationToken);
    }

    /// <summary>Adds the counters' pending increments to the stored counts.</summary>
    public async Task<IReadOnlyList<PostCard>> WithPendingAsync(IReadOnlyList<PostCard> cards, CancellationToken cancellationToken)
    {
        if (cards.Count == 0) return cards;
        var keys = new CounterKey[cards.Count * 4];
        for (var i = 0; i < cards.Count; i++)
        {
            keys[4 * i] = CounterKey.PostLikes(cards[i].Id);
            keys[4 * i + 1] = CounterKey.PostViews(cards[i].Id);
            keys[4 * i + 2] = CounterKey.PostShares(cards[i].Id);
            keys[4 * i + 3] = CounterKey.PostComments(cards[i].Id);
        }
        var pending = await counters.PendingAsync(keys, cancellationToken);
        return cards.Select((card, i) => card with
        {
            LikeCount = Math.Max(0, card.LikeCount + pending[4 * i]),
            ViewCount = card.ViewCount + pending[4 * i + 1],
            ShareCount = card.ShareCount + pending[4 * i + 2],
            CommentCount = Math.Max(0, card.CommentCount + pending[4 * i + 3]),
        }).ToList();
    }

    private static PostCard Read(NpgsqlDataReader r)
    {
        return new PostCard(
            r.GetGuid(0),
            new VendorCard(r.GetGuid(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetBoolean(4)),
            r.IsDBNull(5) ? null : r.GetString(5),
            r.GetFieldValue<string[]>(6),
            TaggedProducts.Read(r.GetFieldValue<byte[]>(16)),
            r.GetBoolean(7),
            r.GetFieldValue<DateTimeOffset>(8),
            r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
            r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13),
            r.GetBoolean(15),
            r.GetBoolean(14)) { SortKey = r.GetDouble(17), Tier = r.GetInt32(18) };
    }
}
