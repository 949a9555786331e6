using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Purl.Core.Data;

/// <summary>
/// Brings a database to the latest migration. Safe to call from every process at start-up: a Postgres advisory lock
/// lets one process migrate while the others wait, and a database that is already current is left untouched.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>Any fixed number works; every Purl process takes the same one ("PurlMigr" in ASCII).</summary>
    private const long LockKey = 0x5075726C4D696772;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var db = DataExtensions.CreateContext(dataSource);
        await EnsureDatabaseExistsAsync(db, ct);

        await using var lockConnection = await dataSource.OpenConnectionAsync(ct);
        await ExecuteAsync(lockConnection, "SELECT pg_advisory_lock(@key)", ct);
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        finally
        {
            await ExecuteAsync(lockConnection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
        // Migrations may have created types (extensions); let the pool's connections see them.
        await lockConnection.ReloadTypesAsync(ct);
    }

    private static async Task EnsureDatabaseExistsAsync(PurlDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
            return;
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it between our check and our CREATE DATABASE: just as good.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", LockKey);
        await command.ExecuteNonQueryAsync(ct);
    }
}
