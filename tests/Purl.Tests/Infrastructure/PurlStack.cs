using System.Security.Cryptography;
using Npgsql;
using Purl.AppHost.Servers;
using Purl.Core.Data;

[assembly: AssemblyFixture(typeof(Purl.Tests.Infrastructure.PurlStack))]

namespace Purl.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL, Redis and RabbitMQ of one test run, started with the AppHost's own server classes in a temporary
/// folder and stopped at the end. Each test class asks for its own database, virtual host and Redis key prefix.
/// </summary>
public sealed class PurlStack : IAsyncLifetime
{
    private const string TemplateDatabase = "purl_template";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"purl-tests-{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}");
    private readonly SemaphoreSlim _createDatabase = new(1, 1);

    public PostgresServer Postgres { get; private set; } = null!;
    public RedisServer Redis { get; private set; } = null!;
    public RabbitMqServer RabbitMq { get; private set; } = null!;

    /// <summary>The HMAC key every in-process API of this run signs its tokens with.</summary>
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        Postgres = new PostgresServer(Path.Combine(_root, "postgres"), FreePort.Find(), Secret(), new PostgresTuning(MaxConnections: 1000, SharedBuffers: "128MB", Durable: false));
        Redis = new RedisServer(Path.Combine(_root, "redis"), FreePort.Find(), Secret());
        RabbitMq = new RabbitMqServer(Path.Combine(_root, "rabbitmq"),
            new RabbitMqPorts(FreePort.Find(), FreePort.Find(), FreePort.Find(), FreePort.Find()), "purl", Secret());

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Task.WhenAll(
            StartPostgresAndTemplateAsync(timeout.Token),
            Redis.StartAsync(timeout.Token),
            RabbitMq.StartAsync(timeout.Token));
    }

    /// <summary>A fresh migrated database, a virtual host and a key prefix, named after <paramref name="owner"/>.</summary>
    public async Task<IsolatedResources> CreateIsolatedAsync(string owner, CancellationToken cancellationToken = default)
    {
        var id = $"{Slug(owner)}_{RandomNumberGenerator.GetHexString(6, lowercase: true)}";
        await _createDatabase.WaitAsync(cancellationToken);
        try
        {
            await Postgres.EnsureDatabaseAsync(id, TemplateDatabase, cancellationToken);
        }
        finally
        {
            _createDatabase.Release();
        }
        await RabbitMq.CreateVirtualHostAsync(id, cancellationToken);
        return new IsolatedResources(Postgres.ConnectionStringFor(id), Redis.ConnectionString, $"t:{id}:", RabbitMq.ConnectionStringFor(id), SigningKey);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in new LocalServer?[] { RabbitMq, Redis, Postgres })
            if (server is not null) await server.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A server still flushing a file: the temp folder is cleaned by the OS eventually.
        }
    }

    /// <summary>Migrations run once, into a template; each class's database is a cheap copy of it.</summary>
    private async Task StartPostgresAndTemplateAsync(CancellationToken cancellationToken)
    {
        await Postgres.StartAsync(cancellationToken);
        await Postgres.EnsureDatabaseAsync(TemplateDatabase, cancellationToken: cancellationToken);
        await using (var dataSource = NpgsqlDataSource.Create(Postgres.ConnectionStringFor(TemplateDatabase)))
            await DatabaseMigrator.MigrateAsync(dataSource, cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    private static string Secret() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    private static string Slug(string name) =>
        new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray()) is var s && s.Length > 40 ? s[..40] : s;
}
