using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Purl.Core.Search.Elasticsearch;

/// <summary>
/// The part of Elasticsearch 8's REST API that Purl uses, typed with Refit. Request bodies are JSON objects built by
/// <see cref="ElasticsearchRequests"/> (so tests can compare them with the documented query DSL); <c>_bulk</c> takes NDJSON.
/// </summary>
public interface IElasticsearchApi
{
    /// <summary>200 when the index exists, 404 when not.</summary>
    [Head("/{index}")]
    Task<HttpResponseMessage> IndexExistsAsync(string index, CancellationToken ct = default);

    [Put("/{index}")]
    Task<JsonObject> CreateIndexAsync(string index, [Body] JsonObject definition, CancellationToken ct = default);

    /// <param name="refresh"><c>false</c>, <c>true</c> or <c>wait_for</c> (answer once the changes are searchable).</param>
    [Post("/_bulk")]
    Task<BulkResponse> BulkAsync([Body] HttpContent ndjson, [Query] string refresh, CancellationToken ct = default);

    [Post("/{index}/_search")]
    Task<SearchResponse> SearchAsync(string index, [Body] JsonObject request, CancellationToken ct = default);

    [Post("/{index}/_delete_by_query")]
    Task<DeleteByQueryResponse> DeleteByQueryAsync(string index, [Body] JsonObject request, [Query] string refresh, CancellationToken ct = default);

    [Delete("/{index}")]
    Task<HttpResponseMessage> DeleteIndexAsync(string index, CancellationToken ct = default);

    [Get("/{index}/_count")]
    Task<IApiResponse<CountResponse>> CountAsync(string index, CancellationToken ct = default);
}

/// <summary><c>_bulk</c>'s answer: <c>errors</c> is true when any item failed; each item is keyed by its action.</summary>
public sealed record BulkResponse(
    [property: JsonPropertyName("took")] long Took,
    [property: JsonPropertyName("errors")] bool Errors,
    [property: JsonPropertyName("items")] IReadOnlyList<Dictionary<string, BulkItem>> Items);

public sealed record BulkItem(
    [property: JsonPropertyName("_index")] string Index,
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("result")] string? Result,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("error")] JsonElement? Error);

public sealed record SearchResponse(
    [property: JsonPropertyName("took")] long Took,
    [property: JsonPropertyName("hits")] SearchHits Hits,
    [property: JsonPropertyName("aggregations")] Dictionary<string, Aggregation>? Aggregations,
    [property: JsonPropertyName("suggest")] Dictionary<string, IReadOnlyList<SuggestEntry>>? Suggest);

public sealed record SearchHits(
    [property: JsonPropertyName("total")] TotalHits? Total,
    [property: JsonPropertyName("hits")] IReadOnlyList<SearchHit> Hits);

public sealed record TotalHits([property: JsonPropertyName("value")] long Value, [property: JsonPropertyName("relation")] string Relation);

public sealed record SearchHit(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("_score")] double? Score,
    [property: JsonPropertyName("_source")] JsonElement Source);

public sealed record Aggregation([property: JsonPropertyName("buckets")] IReadOnlyList<Bucket> Buckets);

public sealed record Bucket([property: JsonPropertyName("key")] JsonElement Key, [property: JsonPropertyName("doc_count")] long DocCount);

public sealed record SuggestEntry(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("options")] IReadOnlyList<SuggestOption> Options);

public sealed record SuggestOption(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("_source")] JsonElement Source);

public sealed record DeleteByQueryResponse([property: JsonPropertyName("deleted")] long Deleted);

public sealed record CountResponse([property: JsonPropertyName("count")] long Count);

/// <summary>
/// <c>ConnectionStrings:elasticsearch</c>: a URL (<c>http://elastic:secret@127.0.0.1:9200</c>, basic auth from the user part)
/// or <c>Endpoint=http://…;ApiKey=…</c> (or <c>Username=…;Password=…</c>).
/// </summary>
public sealed record ElasticsearchConnection(Uri Endpoint, AuthenticationHeaderValue? Authorization)
{
    public static ElasticsearchConnection Parse(string connectionString)
    {
        if (!connectionString.Contains('='))
        {
            var uri = new Uri(connectionString, UriKind.Absolute);
            var auth = uri.UserInfo.Length == 0 ? null
                : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
            return new(new UriBuilder(uri) { UserName = "", Password = "" }.Uri, auth);
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.OrdinalIgnoreCase);
        var endpoint = new Uri(parts.GetValueOrDefault("Endpoint") ?? throw new FormatException("ConnectionStrings:elasticsearch needs Endpoint=…"));
        AuthenticationHeaderValue? authorization =
            parts.TryGetValue("ApiKey", out var key) ? new("ApiKey", key)
            : parts.TryGetValue("Username", out var user) ? new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{parts.GetValueOrDefault("Password")}")))
            : null;
        return new(endpoint, authorization);
    }
}

public static class ElasticsearchClientExtensions
{
    /// <summary>Plain JSON: Elasticsearch's own names are spelled out on the wire types; documents are camelCase.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public static RefitSettings Settings { get; } = new(new SystemTextJsonContentSerializer(Json));

    public static IServiceCollection AddElasticsearchClient(this IServiceCollection services, ElasticsearchConnection connection)
    {
        services.AddRefitGeneratedClient<IElasticsearchApi>(Settings).ConfigureHttpClient(http =>
        {
            http.BaseAddress = connection.Endpoint;
            http.DefaultRequestHeaders.Authorization = connection.Authorization;
        });
        return services;
    }
}
