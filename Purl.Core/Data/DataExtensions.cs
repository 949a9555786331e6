using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Purl.Core.Data;

public static class DataExtensions
{
    /// <summary>The database resource's name, as the AppHost and Aspire call it.</summary>
    public const string DatabaseName = "purldb";

    public static IHostApplicationBuilder AddPurlDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseName);
        builder.Services.AddDbContextPool<PurlDbContext>((sp, options) =>
            Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddWarmup("database", WarmAsync);
        return builder;
    }

    /// <summary>Builds the EF model, compiles a first query and opens a few pooled connections before the first request.</summary>
    private static async Task WarmAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PurlDbContext>();
            _ = db.Model;
            await db.Categories.AsNoTracking().CountAsync(cancellationToken);
        }
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var connections = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < WarmConnections; i++) connections.Add(await dataSource.OpenConnectionAsync(cancellationToken));
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    private const int WarmConnections = 8;

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>A context outside dependency injection: migrations, demo data and tests.</summary>
    public static PurlDbContext CreateContext(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<PurlDbContext>();
        Configure(options, dataSource);
        return new PurlDbContext(options.Options);
    }
}

/// <summary>Lets `dotnet ef migrations add` build the model without a running server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PurlDbContext>
{
    public PurlDbContext CreateDbContext(string[] args) =>
        DataExtensions.CreateContext(NpgsqlDataSource.Create("Host=127.0.0.1;Database=purldb;Username=postgres"));
}
