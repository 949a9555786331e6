using System.Text.Json;

namespace Purl.Bench;

/// <summary>
/// What the AppHost leaves in <c>.purl/</c>: <c>urls.json</c> (<c>{"api": "http://127.0.0.1:PORT", …}</c>) and
/// <c>pids.json</c> (<c>{"api": 1234, …}</c>). Both are optional: without them the bench needs --url and skips memory.
/// </summary>
public sealed record Stack(string RepoRoot, IReadOnlyDictionary<string, string> Urls, IReadOnlyDictionary<string, int> Pids)
{
    /// <summary>The AppHost's own entry, if it lists itself: not one of its children.</summary>
    public const string AppHostKey = "apphost";

    public string PurlDir => Path.Combine(RepoRoot, ".purl");

    public Uri? ApiUrl => !Urls.TryGetValue("api", out var url) ? null
        : Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri
        : throw new BenchException($".purl/urls.json: api is not an address ('{url}')");

    /// <summary>
    /// The AppHost's Postgres (<c>purldb</c>), from <c>.purl/ports.json</c> and <c>.purl/secrets.json</c>, for scenarios that
    /// compare with a query run straight on the database; null when this checkout's stack has not run.
    /// </summary>
    public string? PostgresConnectionString(int maxPoolSize)
    {
        var ports = ReadMap<JsonElement>(Path.Combine(PurlDir, "ports.json"));
        var secrets = ReadMap<JsonElement>(Path.Combine(PurlDir, "secrets.json"));
        if (!ports.TryGetValue("postgres", out var port) || !secrets.TryGetValue("PostgresPassword", out var password)) return null;
        return $"Host=127.0.0.1;Port={port.GetInt32()};Username=postgres;Password={password.GetString()};Database=purldb;Maximum Pool Size={maxPoolSize}";
    }

    public static Stack Read(string repoRoot)
    {
        var dir = Path.Combine(repoRoot, ".purl");
        return new(repoRoot,
            ReadMap<string>(Path.Combine(dir, "urls.json")),
            ReadMap<int>(Path.Combine(dir, "pids.json")));
    }

    /// <summary>The checkout holding Purl.sln, looked for above the working folder, then above the bench binary.</summary>
    public static string FindRepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Purl.sln")))
                    return dir.FullName;
        throw new BenchException("cannot find Purl.sln above the working folder: run the bench from the Purl checkout");
    }

    private static Dictionary<string, T> ReadMap<T>(string path)
    {
        if (!File.Exists(path))
            return [];
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, T>>(File.ReadAllText(path)) ?? [];
        }
        catch (JsonException e)
        {
            throw new BenchException($"{path} is not the AppHost's format: {e.Message}");
        }
    }
}
