using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Purl.AppHost.Hosting;
using Purl.AppHost.Servers;

namespace Purl.AppHost.Ops;

/// <summary>
/// The ops page (default http://127.0.0.1:18888): every resource with its state, health, URL, PID, restarts, uptime and
/// live console output, and the same as JSON at /api/resources.
/// </summary>
public sealed class OpsDashboard(WebApplication app, string url) : IAsyncDisposable
{
    public string Url { get; } = url;

    public static async Task<OpsDashboard> StartAsync(IReadOnlyList<Resource> resources, int preferredPort)
    {
        var port = FreePort.Find(preferredPort);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();

        var page = ReadPage();
        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet("/api/resources", () => Results.Json(resources.Select(Describe)));
        app.MapGet("/api/resources/{name}/logs", (string name, long? since) =>
            resources.FirstOrDefault(r => r.Name == name) is { } resource
                ? Results.Json(resource.Log.Since(since ?? 0).Select(l => new { sequence = l.Sequence, at = l.At, text = l.Text }))
                : Results.NotFound());

        await app.StartAsync();
        return new OpsDashboard(app, $"http://127.0.0.1:{port}");
    }

    public static object Describe(Resource r) => new
    {
        name = r.Name,
        kind = r.Kind,
        state = r.State.ToString().ToLowerInvariant(),
        health = r.Health,
        url = r.Url,
        pid = r.ProcessId,
        restarts = r.Restarts,
        startedAt = r.StartedAt,
        uptimeSeconds = r.StartedAt is { } at && r.State is ResourceState.Running ? (int)(DateTimeOffset.UtcNow - at).TotalSeconds : (int?)null,
        waitsFor = r.WaitsFor.Select(d => d.Name),
    };

    private static string ReadPage()
    {
        using var stream = typeof(OpsDashboard).Assembly.GetManifestResourceStream("ops.html")
            ?? throw new InvalidOperationException("ops.html is not embedded.");
        return new StreamReader(stream).ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
