using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Purl.Tests.Search;

/// <summary>
/// A stand-in for an Elasticsearch 8 node on 127.0.0.1: it records every request (method, path and query, content type, body)
/// and answers with the response shapes Elasticsearch documents. By default: indexes exist, bulk items succeed, searches find
/// nothing; a test sets <see cref="Respond"/> for what it checks.
/// </summary>
public sealed class RecordingElasticsearch : IAsyncDisposable
{
    public sealed record Request(string Method, string PathAndQuery, string? ContentType, string Body)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }

    public sealed record Reply(int Status, string Body);

    private readonly WebApplication _app;

    private RecordingElasticsearch(WebApplication app) => _app = app;

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>The answer to a request; null falls back to <see cref="Default"/>.</summary>
    public Func<Request, Reply?> Respond { get; set; } = _ => null;

    public Uri Url { get; private set; } = null!;

    public static async Task<RecordingElasticsearch> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var recorder = new RecordingElasticsearch(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var request = new Request(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.ContentType, await reader.ReadToEndAsync());
            recorder.Requests.Enqueue(request);
            var reply = recorder.Respond(request) ?? Default(request);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            if (request.Method != HttpMethods.Head) await context.Response.WriteAsync(reply.Body);
        });
        await app.StartAsync();
        recorder.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return recorder;
    }

    public IReadOnlyList<Request> Take()
    {
        var taken = new List<Request>();
        while (Requests.TryDequeue(out var r)) taken.Add(r);
        return taken;
    }

    /// <summary>What Elasticsearch answers when all is well (shapes from its REST API reference).</summary>
    public static Reply Default(Request request)
    {
        var path = request.PathAndQuery.Split('?')[0];
        if (request.Method == "HEAD") return new(200, "");
        if (request.Method == "PUT") return new(200, $$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{path.Trim('/')}}"}""");
        if (path.EndsWith("/_bulk")) return new(200, BulkAnswer(request.Body));
        if (path.EndsWith("/_count")) return new(200, """{"count":0,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}""");
        if (path.EndsWith("/_delete_by_query"))
            return new(200, """{"took":3,"timed_out":false,"total":0,"deleted":0,"batches":0,"version_conflicts":0,"noops":0,"failures":[]}""");
        if (path.EndsWith("/_search")) return new(200, EmptySearch);
        return new(404, """{"error":{"type":"index_not_found_exception","reason":"no such index"},"status":404}""");
    }

    public const string EmptySearch = """
        {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
         "hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]},
         "aggregations":{"categories":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]},
                         "priceBands":{"buckets":[]}}}
        """;

    /// <summary>A <c>_bulk</c> answer with one successful item per action line of <paramref name="ndjson"/>.</summary>
    public static string BulkAnswer(string ndjson)
    {
        var items = new JsonArray();
        var lines = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var action = JsonNode.Parse(lines[i])!.AsObject().Single();
            var meta = action.Value!.AsObject();
            var deleting = action.Key == "delete";
            items.Add(new JsonObject
            {
                [action.Key] = new JsonObject
                {
                    ["_index"] = meta["_index"]!.GetValue<string>(), ["_id"] = meta["_id"]!.GetValue<string>(), ["_version"] = 1,
                    ["result"] = deleting ? "deleted" : "created", ["status"] = deleting ? 200 : 201,
                    ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["failed"] = 0 }, ["_seq_no"] = i, ["_primary_term"] = 1,
                },
            });
            if (!deleting) i++; // the document line
        }
        return new JsonObject { ["took"] = 7, ["errors"] = false, ["items"] = items }.ToJsonString();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
