namespace Purl.Core.Caching;

/// <summary>What a write makes stale: exact keys, and tags that name a group of entries (say, every product of a store).</summary>
public sealed record CacheInvalidation(IReadOnlyList<string> Keys, IReadOnlyList<string> Tags)
{
    public static CacheInvalidation Of(params string[] keys) => new(keys, []);

    public CacheInvalidation AndTags(params string[] tags) => this with { Tags = [.. Tags, .. tags] };
}
