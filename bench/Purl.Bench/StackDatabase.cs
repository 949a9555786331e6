using System.Text.Json;
using Npgsql;

namespace Purl.Bench;

/// <summary>
/// The AppHost's PostgreSQL, for scenarios that seed data or compare against a direct query: its port from
/// <c>.purl/ports.json</c>, its password from <c>.purl/secrets.json</c>, or <c>PURL_BENCH_DATABASE</c> when set.
/// </summary>
public static class StackDatabase
{
    public static string ConnectionString(ScenarioContext context, string database = "purldb")
    {
        if (Environment.GetEnvironmentVariable("PURL_BENCH_DATABASE") is { Length: > 0 } given)
            return new NpgsqlConnectionStringBuilder(given) { Database = database }.ConnectionString;

        var dir = Path.Combine(context.RepoRoot, ".purl");
        var ports = Read(Path.Combine(dir, "ports.json"));
        var secrets = Read(Path.Combine(dir, "secrets.json"));
        if (!ports.TryGetProperty("postgres", out var port) || !secrets.TryGetProperty("PostgresPassword", out var password))
            throw new BenchException(".purl/ports.json or .purl/secrets.json lacks postgres: start the AppHost first, or set PURL_BENCH_DATABASE");
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port.GetInt32(),
            Username = "postgres",
            Password = password.GetString(),
            Database = database,
            MaxPoolSize = 200,
        }.ConnectionString;
    }

    private static JsonElement Read(string path) =>
        File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)).RootElement
            : throw new BenchException($"{path} not found: start the AppHost first, or set PURL_BENCH_DATABASE");
}
