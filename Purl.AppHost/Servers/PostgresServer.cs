using Npgsql;

namespace Purl.AppHost.Servers;

/// <summary>
/// PostgreSQL from Debian's `postgresql` package. It refuses to run as root, so as root every step runs as the
/// `postgres` user, which must own the data directory and be able to reach it.
/// </summary>
public sealed class PostgresServer(string dataDirectory, int port, string password, PostgresTuning tuning)
    : LocalServer("postgres", dataDirectory)
{
    private const string ServiceUser = "postgres";
    private readonly string _binDirectory = FindBinDirectory();

    public int Port { get; } = port;

    public override string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database, int maxPoolSize = 100) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Password = password,
            Database = database,
            MaxPoolSize = maxPoolSize,
        }.ConnectionString;

    public async Task EnsureDatabaseAsync(string database, string? template = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;
        var from = template is null ? "" : $" TEMPLATE \"{template}\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"{from}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override UnixSignal StopSignal => UnixSignal.Interrupt; // "fast" shutdown: roll back sessions, checkpoint, exit.

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (IsRoot) await GiveToServiceUserAsync(cancellationToken);
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))) return;

        var passwordFile = DataDirectory + ".initdb-password"; // beside, not in: initdb wants an empty directory
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            if (IsRoot) await RunAsRootAsync("chown", [ServiceUser, passwordFile], cancellationToken);
            var (exitCode, output) = await ChildProcess.RunAsync(AsServiceUser(Path.Combine(_binDirectory, "initdb")).File,
                [.. AsServiceUser(Path.Combine(_binDirectory, "initdb")).Prefix,
                 "-D", DataDirectory, "-U", "postgres", "--pwfile", passwordFile,
                 "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8", "--locale=C.UTF-8"],
                cancellationToken: cancellationToken);
            if (exitCode != 0) throw new InvalidOperationException($"initdb failed ({exitCode}):\n{output}");
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    protected override ChildProcess StartProcess()
    {
        var (file, prefix) = AsServiceUser(Path.Combine(_binDirectory, "postgres"));
        string[] arguments =
        [
            .. prefix, "-D", DataDirectory, "-p", Port.ToString(),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
            "-c", $"max_connections={tuning.MaxConnections}", "-c", $"shared_buffers={tuning.SharedBuffers}",
            .. tuning.Durable ? [] : new[] { "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off" },
        ];
        return ChildProcess.Start(file, arguments, Log);
    }

    protected override async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres") + ";Pooling=false;Timeout=2");
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private (string File, string[] Prefix) AsServiceUser(string binary) =>
        IsRoot ? ("setpriv", ["--reuid", ServiceUser, "--regid", ServiceUser, "--init-groups", binary]) : (binary, []);

    /// <summary>
    /// The data directory belongs to `postgres`, and `postgres` must be able to walk to it: a checkout under /root or a
    /// private temp folder is not reachable otherwise. Grant traversal (not listing) on each parent, by ACL where possible.
    /// </summary>
    private async Task GiveToServiceUserAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows()) return;
        await RunAsRootAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", DataDirectory], cancellationToken);
        for (var dir = Directory.GetParent(DataDirectory); dir is not null; dir = dir.Parent)
        {
            if ((File.GetUnixFileMode(dir.FullName) & UnixFileMode.OtherExecute) != 0) continue;
            var (aclExit, _) = await ChildProcess.RunAsync("setfacl", ["-m", $"u:{ServiceUser}:x", dir.FullName], cancellationToken: cancellationToken);
            if (aclExit != 0) await RunAsRootAsync("chmod", ["o+x", dir.FullName], cancellationToken);
        }
    }

    private static async Task RunAsRootAsync(string command, string[] arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ChildProcess.RunAsync(command, arguments, cancellationToken: cancellationToken);
        if (exitCode != 0) throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed: {output}");
    }

    private static string FindBinDirectory()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "postgres")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).ToList()
            : [];
        return versions.Count > 0 ? Path.Combine(versions[0], "bin") : throw new MissingServerException("PostgreSQL", "postgresql");
    }
}

/// <summary>Server settings that differ between a developer's stack (durable) and a throwaway test run (fast).</summary>
public sealed record PostgresTuning(int MaxConnections = 500, string SharedBuffers = "256MB", bool Durable = true);
