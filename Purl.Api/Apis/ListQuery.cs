namespace Purl.Api.Apis;

/// <summary>The query of every list endpoint: <c>?cursor=&amp;limit=</c> (checked by the feature, which names the field).</summary>
public sealed record ListQuery(string? Cursor, int? Limit);
