using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Purl.Core.Catalog;
using Purl.Core.Data;
using Purl.Core.Identity;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.Data;

public sealed class MigrationTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrations_create_every_table_with_roles_categories_and_pg_trgm_in_an_empty_database()
    {
        await using var dataSource = await EmptyDatabaseAsync();

        await DatabaseMigrator.MigrateAsync(dataSource, Ct);

        await using var db = DataExtensions.CreateContext(dataSource);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(
            [PurlRoles.Admin, PurlRoles.Buyer, PurlRoles.Vendor],
            await db.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync(Ct));
        Assert.Equal(
            BaseCategories.All.Select(c => c.Slug).Order(),
            await db.Categories.Select(c => c.Slug).OrderBy(s => s).ToListAsync(Ct));
        Assert.Equal(1L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"));
        foreach (var table in new[] { "users", "roles", "user_roles", "vendors", "products", "feed_items", "orders", "payments", "refresh_tokens", "vendor_daily_stats" })
            Assert.True(await ScalarAsync<bool>(dataSource, $"SELECT to_regclass('public.{table}') IS NOT NULL"), table);
    }

    [Fact]
    public async Task Migrating_again_changes_nothing()
    {
        await using var dataSource = await EmptyDatabaseAsync();
        await DatabaseMigrator.MigrateAsync(dataSource, Ct);
        var history = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM __ef_migrations_history");
        var roles = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM roles");

        await DatabaseMigrator.MigrateAsync(dataSource, Ct);

        Assert.Equal(history, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM __ef_migrations_history"));
        Assert.Equal(roles, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM roles"));
    }

    [Fact]
    public async Task Two_processes_migrating_the_same_database_at_once_both_succeed()
    {
        var name = await EmptyDatabaseNameAsync();
        await using var first = NpgsqlDataSource.Create(app.Stack.Postgres.ConnectionStringFor(name));
        await using var second = NpgsqlDataSource.Create(app.Stack.Postgres.ConnectionStringFor(name));

        await Task.WhenAll(DatabaseMigrator.MigrateAsync(first, Ct), DatabaseMigrator.MigrateAsync(second, Ct));

        await using var db = DataExtensions.CreateContext(first);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(3, await db.Roles.CountAsync(Ct));
    }

    [Fact]
    public async Task A_missing_database_is_created_then_migrated()
    {
        var name = "created_" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        await using var dataSource = NpgsqlDataSource.Create(app.Stack.Postgres.ConnectionStringFor(name));

        await DatabaseMigrator.MigrateAsync(dataSource, Ct);

        Assert.Equal(BaseCategories.All.Count, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM categories"));
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        await using var db = app.CreateDbContext();

        Assert.False(db.Database.HasPendingModelChanges());
    }

    private async Task<NpgsqlDataSource> EmptyDatabaseAsync() =>
        NpgsqlDataSource.Create(app.Stack.Postgres.ConnectionStringFor(await EmptyDatabaseNameAsync()));

    private async Task<string> EmptyDatabaseNameAsync()
    {
        var name = "empty_" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        await app.Stack.Postgres.EnsureDatabaseAsync(name, cancellationToken: Ct);
        return name;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
