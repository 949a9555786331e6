using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

public static class NpgsqlClientExtensions
{
    /// <summary>
    /// Registers one pooled <see cref="NpgsqlDataSource"/> for <c>ConnectionStrings:{name}</c> (with automatic preparation of
    /// repeated statements unless the connection string says otherwise) and a ready check named after it.
    /// </summary>
    public static IHostApplicationBuilder AddNpgsqlDataSource(this IHostApplicationBuilder builder, string name)
    {
        var connectionString = builder.Configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not set. Start the stack with the AppHost or set ConnectionStrings__{name}.");

        builder.Services.AddSingleton(_ =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            // Statements run five times on a connection are prepared there: a hot query is then planned once per
            // connection, not per call (the feed's page query plans in about a millisecond and runs in less).
            if (dataSource.ConnectionStringBuilder.MaxAutoPrepare == 0)
                dataSource.ConnectionStringBuilder.MaxAutoPrepare = 100;
            // A connection going back to the pool is not reset. With prepared statements the reset is a batch of statements
            // (RESET ALL, CLOSE ALL, UNLISTEN, …) that Postgres parses and runs before the next command, on every request.
            // Nothing here leaves session state behind: settings are SET LOCAL (set_config(…, true)), and the few
            // session advisory locks are released in a finally on the same connection.
            dataSource.ConnectionStringBuilder.NoResetOnClose = true;
            return dataSource.Build();
        });
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            "postgres",
            sp => new NpgsqlHealthCheck(sp.GetRequiredService<NpgsqlDataSource>()),
            HealthStatus.Unhealthy,
            [ServiceDefaultsExtensions.ReadyTag],
            TimeSpan.FromSeconds(3)));
        return builder;
    }

    private sealed class NpgsqlHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy("PostgreSQL answers");
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                return HealthCheckResult.Unhealthy($"PostgreSQL: {e.Message}", e);
            }
        }
    }
}
