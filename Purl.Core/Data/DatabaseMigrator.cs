using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Purl.Core.Data;

public static class DatabaseMigrator
{
    /// <summary>Any fixed number: the advisory lock that keeps two processes from migrating at once.</summary>
    private const long MigrationLockKey = 0x7075726c_6d696772;

    /// <summary>Applies pending migrations. Idempotent, and safe when several processes start together.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
            await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await using var context = DataExtensions.CreateContext(dataSource);
            await context.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
