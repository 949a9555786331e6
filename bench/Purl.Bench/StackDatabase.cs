using System.Text.Json;
using Npgsql;

namespace Purl.Bench;

/// <summary>
/// The AppHost's own database, for scenarios that seed, check or compare in SQL (the fan-out's progress, a direct
/// UPDATE next to the API's likes, the naive twins): its port from <c>.purl/ports.json</c>, its password from
/// <c>.purl/secrets.json</c>, or <c>PURL_BENCH_DATABASE</c> when set; loopback only.
/// </summary>
public sealed class StackDatabase : IAsyncDisposable
{
    private StackDatabase(NpgsqlDataSource dataSource, string demoPassword) => (DataSource, DemoPassword) = (dataSource, demoPassword);

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The one password of every demo user (the bench logs them in with it).</summary>
    public string DemoPassword { get; }

    /// <summary>The stack's database for a scenario: <c>PURL_BENCH_DATABASE</c> when set, else what <c>.purl/</c> says.</summary>
    public static StackDatabase Open(string repoRoot, int maxPoolSize = 100)
    {
        var secrets = Read<Dictionary<string, string>>(Path.Combine(repoRoot, ".purl", "secrets.json"));
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString(repoRoot))
        {
            MaxPoolSize = maxPoolSize,
            CommandTimeout = 120,
        }.ConnectionString;
        return new StackDatabase(NpgsqlDataSource.Create(connectionString), secrets.GetValueOrDefault("DemoPassword", ""));
    }

    public static string ConnectionString(ScenarioContext context, string database = "purldb") =>
        ConnectionString(context.RepoRoot, database);

    public static string ConnectionString(string repoRoot, string database = "purldb")
    {
        if (Environment.GetEnvironmentVariable("PURL_BENCH_DATABASE") is { Length: > 0 } given)
            return new NpgsqlConnectionStringBuilder(given) { Database = database }.ConnectionString;

        var dir = Path.Combine(repoRoot, ".purl");
        var ports = Read<Dictionary<string, int>>(Path.Combine(dir, "ports.json"));
        var secrets = Read<Dictionary<string, string>>(Path.Combine(dir, "secrets.json"));
        if (!ports.TryGetValue("postgres", out var port) || !secrets.TryGetValue("PostgresPassword", out var password))
            throw new BenchException(".purl/ports.json or .purl/secrets.json lacks postgres: start the AppHost first, or set PURL_BENCH_DATABASE");
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = password,
            Database = database,
            MaxPoolSize = 200,
        }.ConnectionString;
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T));
    }

    public async Task<List<T>> ColumnAsync<T>(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<T>();
        while (await reader.ReadAsync(ct)) values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    public async Task ExecuteAsync(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    public NpgsqlCommand Command(string sql, params object[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    private static T Read<T>(string path) where T : new()
    {
        if (!File.Exists(path)) throw new BenchException($"this scenario needs {path}: start the stack with the AppHost");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path)) ?? new T();
        }
        catch (JsonException e)
        {
            throw new BenchException($"{path} is not the AppHost's format: {e.Message}");
        }
    }
}
