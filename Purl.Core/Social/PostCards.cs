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
/// Reads a page of posts: the page's ids come from a CTE the caller writes (<c>page(post_id, sort_key)</c>), and the same
/// statement joins the posts and their stores for the counts, whether the viewer liked each post, and the rows'
/// versions. The rest of each card (caption, images, store, tagged products: <see cref="TaggedProducts"/>) comes from
/// <see cref="PostContents"/>, read in a second statement only for posts whose versions moved. Then one Redis call adds
/// what the counters have pending.
/// </summary>
public sealed class PostCards(NpgsqlDataSource dataSource, HotCounters counters)
{
    /// <summary>Each statement is built once: callers pass constant page SQL, and a feed page should not rebuild 3 KB of text.</summary>
    private static readonly ConcurrentDictionary<(string PageSql, string Tier), string> Statements = new();

    private readonly PostContents _contents = new();

    /// <summary>The SELECT after the caller's <c>page</c>; <paramref name="tier"/> is its column or a constant.</summary>
    private static string PageRows(string tier) => $"""
        SELECT p.id, p.xmin, v.xmin, p.like_count, p.view_count, p.share_count, p.comment_count, p.is_active,
               EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = p.id AND l.user_id = @viewer) AS liked_by_me,
               page.sort_key, {tier} AS tier, {HotCounters.CountedThroughColumn} AS counted_through
        FROM page
        JOIN posts AS p ON p.id = page.post_id
        JOIN vendors AS v ON v.id = p.vendor_id
        ORDER BY tier, page.sort_key DESC, p.id DESC
        """;

    private const string ContentRows = """
        SELECT p.id, p.xmin, v.xmin, p.vendor_id, v.name, v.logo_url, v.is_verified, p.caption, p.images, p.is_premium,
               p.created_at, p.expires_at, convert_to(p.tagged_products::text, 'UTF8')
        FROM posts AS p
        JOIN vendors AS v ON v.id = p.vendor_id
        WHERE p.id = ANY($1)
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
    /// A page made of parts: <paramref name="pageSql"/> selects <c>post_id, sort_key, tier</c>; the
    /// result is by tier, then sort_key highest first, and each card carries its <see cref="PostCard.Tier"/>.
    /// </summary>
    public Task<IReadOnlyList<PostCard>> ReadTieredAsync(string pageSql, Guid viewer, Action<NpgsqlParameterCollection> parameters,
        CancellationToken cancellationToken) =>
        ReadAsync(pageSql, "page.tier", viewer, parameters, cancellationToken);

    private async Task<IReadOnlyList<PostCard>> ReadAsync(string pageSql, string tier, Guid viewer, Action<NpgsqlParameterCollection> parameters,
        CancellationToken cancellationToken)
    {
        var rows = new List<PageRow>();
        var countedThrough = StreamId.Zero;
        var sql = Statements.GetOrAdd((pageSql, tier), static key => $"WITH page AS ({key.PageSql})\n{PageRows(key.Tier)}");
        await using (var command = dataSource.CreateCommand(sql))
        {
            command.Parameters.AddWithValue("viewer", viewer);
            parameters(command.Parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(PageRow.Read(reader));
                countedThrough = HotCounters.CountedThrough(reader, PageRow.Columns);
            }
        }

        var contents = new PostCard?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
            contents[i] = _contents.Find(rows[i].Id, rows[i].Versions);
        if (contents.Contains(null))
        {
            var read = await ReadContentsAsync(rows.Where((_, i) => contents[i] is null).Select(r => r.Id).ToArray(), cancellationToken);
            for (var i = 0; i < rows.Count; i++)
                contents[i] ??= read.GetValueOrDefault(rows[i].Id);
        }

        var cards = new List<PostCard>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
            if (contents[i] is { } content) // null only for a post deleted between the two statements
                cards.Add(rows[i].ToCard(content));
        return await WithPendingAsync(cards, countedThrough, cancellationToken);
    }

    /// <summary>Reads the posts' contents as they are now and keeps them for the next pages.</summary>
    private async Task<Dictionary<Guid, PostCard>> ReadContentsAsync(Guid[] postIds, CancellationToken cancellationToken)
    {
        var read = new Dictionary<Guid, PostCard>(postIds.Length);
        await using var command = dataSource.CreateCommand(ContentRows);
        command.Parameters.Add(new NpgsqlParameter { Value = postIds });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            // The counts, the like and whether the post is live come from the page's row (PageRow.ToCard).
            var content = new PostCard(
                r.GetGuid(0),
                new VendorCard(r.GetGuid(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetBoolean(6)),
                r.IsDBNull(7) ? null : r.GetString(7),
                r.GetFieldValue<string[]>(8),
                TaggedProducts.Read(r.GetFieldValue<byte[]>(12)),
                r.GetBoolean(9),
                r.GetFieldValue<DateTimeOffset>(10),
                r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
                LikeCount: 0, ViewCount: 0, ShareCount: 0, CommentCount: 0, LikedByMe: false, IsActive: false);
            _contents.Keep(content, new RowVersions(r.GetFieldValue<uint>(1), r.GetFieldValue<uint>(2)));
            read[content.Id] = content;
        }
        return read;
    }

    /// <summary>Adds the counters' pending increments to the counts stored as of <paramref name="countedThrough"/>.</summary>
    private async Task<IReadOnlyList<PostCard>> WithPendingAsync(IReadOnlyList<PostCard> cards, StreamId countedThrough, CancellationToken cancellationToken)
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
        var pending = await counters.PendingAsync(keys, countedThrough, cancellationToken);
        return cards.Select((card, i) => card with
        {
            LikeCount = Math.Max(0, card.LikeCount + pending[4 * i]),
            ViewCount = card.ViewCount + pending[4 * i + 1],
            ShareCount = card.ShareCount + pending[4 * i + 2],
            CommentCount = Math.Max(0, card.CommentCount + pending[4 * i + 3]),
        }).ToList();
    }

    /// <summary>A post's row of a page: what changes with every like or view, read on every page.</summary>
    private readonly record struct PageRow(
        Guid Id, RowVersions Versions, long Likes, long Views, long Shares, long Comments, bool IsActive, bool LikedByMe,
        double SortKey, int Tier)
    {
        /// <summary>How many columns <see cref="Read"/> takes; the page statement's next is its counts' watermark.</summary>
        public const int Columns = 11;

        public static PageRow Read(NpgsqlDataReader r) => new(
            r.GetGuid(0), new RowVersions(r.GetFieldValue<uint>(1), r.GetFieldValue<uint>(2)),
            r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetBoolean(7), r.GetBoolean(8), r.GetDouble(9), r.GetInt32(10));

        public PostCard ToCard(PostCard content) => content with
        {
            LikeCount = Likes, ViewCount = Views, ShareCount = Shares, CommentCount = Comments, LikedByMe = LikedByMe,
            IsActive = IsActive, SortKey = SortKey, Tier = Tier,
        };
    }
}
