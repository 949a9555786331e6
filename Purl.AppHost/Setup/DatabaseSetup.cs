using Npgsql;
using Purl.AppHost.Hosting;
using Purl.Core.Data;

namespace Purl.AppHost.Setup;

/// <summary>Applies the migrations once before any project starts.</summary>
public static class DatabaseSetup
{
    public static async Task RunAsync(TaskResource task, string connectionString, DistributedApplicationBuilder builder, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await DatabaseMigrator.MigrateAsync(dataSource, cancellationToken);
        task.Report("migrations applied");
    }
}
