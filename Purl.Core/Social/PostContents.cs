using System.Collections.Concurrent;

namespace Purl.Core.Social;

/// <summary>What a post card shows that changes rarely: its store, caption, images and tagged products.</summary>
internal sealed record PostContent(
    Guid Id,
    RowVersions Versions,
    VendorCard Vendor,
    string? Caption,
    IReadOnlyList<string> Images,
    IReadOnlyList<TaggedProductCard> TaggedProducts,
    bool IsPremium,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt);

/// <summary>The post's and its store's row versions (Postgres <c>xmin</c>): any write to either row changes them.</summary>
internal readonly record struct RowVersions(uint Post, uint Vendor);

/// <summary>
/// Post contents kept by this process, each valid for the row versions it was read at. A page reads every post's
/// versions with its counts, and only the posts whose versions moved are read again: a feed page then sends the
/// captions, images and tagged products of its 20 posts only when one changed, instead of on every read. Bounded: it
/// starts over when full, which costs one read of each post still in use.
/// </summary>
internal sealed class PostContents
{
    private const int Capacity = 20_000;
    private readonly ConcurrentDictionary<Guid, PostContent> _byPost = new();

    public PostContent? Find(Guid postId, RowVersions versions) =>
        _byPost.TryGetValue(postId, out var content) && content.Versions == versions ? content : null;

    public void Keep(PostContent content)
    {
        if (_byPost.Count >= Capacity) _byPost.Clear();
        _byPost[content.Id] = content;
    }
}
