using System.Collections.Concurrent;

namespace Purl.Core.Social;

/// <summary>The post's and its store's row versions (Postgres <c>xmin</c>): any write to either row changes them.</summary>
internal readonly record struct RowVersions(uint Post, uint Vendor);

/// <summary>
/// What post cards show that changes rarely (store, caption, images, tagged products), kept by this process as a card
/// without counts, each valid for the row versions it was read at. A page reads every post's versions with its counts,
/// and only the posts whose versions moved are read again: a feed page then sends the contents of its 20 posts only
/// when one changed, instead of on every read. Bounded: it starts over when full, which costs one read of each post
/// still in use.
/// </summary>
internal sealed class PostContents
{
    private const int Capacity = 20_000;
    private readonly ConcurrentDictionary<Guid, (RowVersions Versions, PostCard Content)> _byPost = new();

    public PostCard? Find(Guid postId, RowVersions versions) =>
        _byPost.TryGetValue(postId, out var kept) && kept.Versions == versions ? kept.Content : null;

    public void Keep(PostCard content, RowVersions versions)
    {
        if (_byPost.Count >= Capacity) _byPost.Clear();
        _byPost[content.Id] = (versions, content);
    }
}
