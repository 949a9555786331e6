namespace Purl.Api.Client;

/// <summary>One page of a list. <c>nextCursor</c> is null on the last page; pass it back as <c>cursor</c> for the next.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
