using Microsoft.Extensions.Configuration;
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

        var seeded = await DemoDataGenerator.SeedAsync(dataSource, new DemoDataOptions
        {
            Password = builder.Secrets.DemoPassword,
            Scale = Scale(builder.Configuration),
        }, cancellationToken);
        task.Report(seeded.Skipped ? "demo data already there" : $"demo data loaded: {seeded}");
        task.Report($"demo logins (password {builder.Secrets.DemoPassword}, kept in {builder.Folder.PathOf("secrets.json")}): " +
                    $"vendor {seeded.VendorEmail}, buyer {seeded.BuyerEmail}");
    }

    /// <summary>
    /// The bench's large data sets, e.g. <c>--DemoData:Products=100000</c> (<c>DemoData:FollowersOfOneVendor</c>,
    /// <c>DemoData:Vendors</c>, <c>DemoData:Buyers</c> likewise). They apply to an empty database only.
    /// </summary>
    private static DemoScale? Scale(IConfiguration configuration)
    {
        var section = configuration.GetSection("DemoData");
        var scale = new DemoScale(
            section.GetValue(nameof(DemoScale.Products), 0),
            section.GetValue(nameof(DemoScale.FollowersOfOneVendor), 0),
            section.GetValue(nameof(DemoScale.Vendors), 0),
            section.GetValue(nameof(DemoScale.Buyers), 0));
        return scale == new DemoScale() ? null : scale;
    }
}
