using Npgsql;
using Purl.AppHost.Hosting;
using Purl.Core.Data;
using Purl.Core.DemoData;

namespace Purl.AppHost.Setup;

/// <summary>
/// Applies the migrations once before any project starts, then loads the demo marketplace into an empty database.
/// <c>DemoData:Products</c> (e.g. <c>DemoData__Products=100000</c>) makes the bench's large catalogue instead of the everyday one.
/// </summary>
public static class DatabaseSetup
{
    public static async Task RunAsync(TaskResource task, string connectionString, DistributedApplicationBuilder builder, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await DatabaseMigrator.MigrateAsync(dataSource, cancellationToken);
        task.Report("migrations applied");

        var products = int.TryParse(builder.Configuration["DemoData:Products"], out var n) && n > 0 ? n : 0;
        var options = new DemoDataOptions { Password = builder.Secrets.DemoPassword, Scale = products > 0 ? new DemoScale(Products: products) : null };
        var seeded = await DemoDataGenerator.SeedAsync(dataSource, options, cancellationToken);
        task.Report(seeded.Skipped ? "demo data already there" : $"demo data loaded: {seeded}");
        task.Report($"demo logins (password {builder.Secrets.DemoPassword}, kept in {builder.Folder.PathOf("secrets.json")}): " +
                    $"vendor {seeded.VendorEmail}, buyer {seeded.BuyerEmail}");
    }
}
