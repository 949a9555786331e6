using System.Text.Json;

namespace Purl.Tests.Infrastructure;

/// <summary>Reads a host's /health JSON (status and one entry per dependency).</summary>
public static class HealthProbe
{
    public sealed record Report(string Status, IReadOnlyDictionary<string, string> Entries);

    public static async Task<Report> ReadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync("/health", cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var entries = json.RootElement.GetProperty("entries").EnumerateObject()
            .ToDictionary(e => e.Name, e => e.Value.GetProperty("status").GetString()!);
        return new Report(json.RootElement.GetProperty("status").GetString()!, entries);
    }

    /// <summary>Polls until <paramref name="condition"/> holds (30 s at most) and returns the report that satisfied it.</summary>
    public static async Task<Report> WaitForAsync(HttpClient client, Func<Report, bool> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var report = await ReadAsync(client, cancellationToken);
            if (condition(report) || DateTimeOffset.UtcNow > deadline) return report;
            await Task.Delay(250, cancellationToken);
        }
    }
}
