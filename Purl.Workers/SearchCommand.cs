using System.Text.Json;
using Microsoft.Extensions.Options;
using Purl.Core.Data;
using Purl.Core.Search;

namespace Purl.Workers;

/// <summary>
/// <c>dotnet run --project Purl.Workers -- search rebuild</c>: rebuilds the whole search index in batches against the configured
/// database and engine, prints what it did, and exits (0 done, 1 failed). Searches keep answering from the old rows meanwhile.
/// Without <c>ConnectionStrings__purldb</c> it uses the stack the AppHost runs from this checkout (its <c>.purl/</c> folder).
/// </summary>
public static class SearchCommand
{
    public static bool Matches(string[] args) => args is ["search", "rebuild", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args[2..]);
        if (builder.Configuration.GetConnectionString("purldb") is null && LocalStack() is { } local)
            builder.Configuration.AddInMemoryCollection(local);
        builder.AddPurlDatabase();
        builder.AddRedisClient("redis");
        builder.AddSearch();
        using var host = builder.Build();
        var index = host.Services.GetRequiredService<ISearchIndex>();
        var options = host.Services.GetRequiredService<IOptions<SearchOptions>>().Value;
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        try
        {
            var report = await index.RebuildAsync(options.RebuildBatchSize, cancel.Token);
            await host.Services.GetRequiredService<SearchCache>().InvalidateAllAsync(cancel.Token);
            Console.WriteLine(report);
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"search rebuild failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>The connection strings of the AppHost's local stack, from <c>.purl/ports.json</c> and <c>.purl/secrets.json</c>.</summary>
    private static Dictionary<string, string?>? LocalStack()
    {
        var folder = Environment.GetEnvironmentVariable("PURL_HOME");
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); folder is null && dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Purl.sln"))) folder = Path.Combine(dir.FullName, ".purl");
        if (folder is null || !File.Exists(Path.Combine(folder, "ports.json")) || !File.Exists(Path.Combine(folder, "secrets.json"))) return null;

        using var ports = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "ports.json")));
        using var secrets = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "secrets.json")));
        var postgresPort = ports.RootElement.GetProperty("postgres").GetInt32();
        var redisPort = ports.RootElement.GetProperty("redis").GetInt32();
        return new()
        {
            ["ConnectionStrings:purldb"] =
                $"Host=127.0.0.1;Port={postgresPort};Username=postgres;Password={secrets.RootElement.GetProperty("PostgresPassword").GetString()};Database=purldb",
            ["ConnectionStrings:redis"] = $"127.0.0.1:{redisPort},password={secrets.RootElement.GetProperty("RedisPassword").GetString()}",
        };
    }
}
