namespace Purl.Api.Client;

/// <summary>Every list in Purl's API: a page of items and the cursor of the next page (null on the last one).</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? NextCursor);
