using Npgsql;
using Purl.AppHost.Hosting;
using Purl.Core.Data;
using Purl.Core.DemoData;

namespace Purl.AppHost.Setup;

/// <summary>Applies the migrations once before any project starts, then loads the demo marketplace into an empty database.</summary>
public static class DatabaseSetup
{
    public static async Task RunAsync(TaskResource task, string connectionString, DistributedApplicationBuilder builder, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await DatabaseMigrator.MigrateAsync(dataSource, cancellationToken);
        task.Report("migrations applied");

        var seeded = await DemoDataGenerator.SeedAsync(dataSource,
            new DemoDataOptions { Password = builder.Secrets.DemoPassword, Scale = Scale(builder) }, cancellationToken);
        task.Report(seeded.Skipped ? "demo data already there" : $"demo data loaded: {seeded}");
        task.Report($"demo logins (password {builder.Secrets.DemoPassword}, kept in {builder.Folder.PathOf("secrets.json")}): " +
                    $"vendor {seeded.VendorEmail}, buyer {seeded.BuyerEmail}");
    }

    /// <summary>
    /// The bench's large data sets, asked for with <c>Demo:Scale:*</c> (e.g. <c>Demo__Scale__FollowersOfOneVendor=200000</c>):
    /// they apply when the database is first filled, so start from an empty <c>.purl</c>.
    /// </summary>
    private static DemoScale? Scale(DistributedApplicationBuilder builder)
    {
        int Read(string name) => int.TryParse(builder.Configuration[$"Demo:Scale:{name}"], out var value) ? value : 0;
        var scale = new DemoScale(Read(nameof(DemoScale.Products)), Read(nameof(DemoScale.FollowersOfOneVendor)),
            Read(nameof(DemoScale.Vendors)), Read(nameof(DemoScale.Buyers)));
        return scale == new DemoScale() ? null : scale;
    }
}
