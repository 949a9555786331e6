using System.Diagnostics;
using Npgsql;
using Purl.Core.Data;
using Purl.Core.DemoData;

namespace Purl.Bench;

/// <summary>
/// The demo generator at bench scale (100K products, 200K followers of one store) into a fresh database on the
/// stack's PostgreSQL, which is dropped afterwards: rows written per second by bulk COPY.
/// </summary>
public sealed class SeedScenario : Scenario
{
    public override string Name => "seed";

    public override string Description => "demo data at bench scale (100K products, 200K followers) into a fresh database: rows/s";

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var ct = context.CancellationToken;
        var database = $"purl_bench_seed_{Environment.ProcessId}";
        await using var admin = NpgsqlDataSource.Create(StackDatabase.ConnectionString(context, "postgres"));
        await Execute(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", ct);
        await Execute(admin, $"CREATE DATABASE {database}", ct);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(StackDatabase.ConnectionString(context, database));
            await DatabaseMigrator.MigrateAsync(dataSource, ct);
            var clock = Stopwatch.StartNew();
            var result = await DemoDataGenerator.SeedAsync(dataSource, new DemoDataOptions
            {
                Password = "Bench-seed-1",
                Scale = new DemoScale(Products: 100_000, FollowersOfOneVendor: 200_000),
            }, ct);
            var seconds = clock.Elapsed.TotalSeconds;
            var rows = result.Rows.Values.Sum();
            var biggest = result.Rows.OrderByDescending(r => r.Value).Take(4).Select(r => $"{r.Key} {r.Value:N0}");
            return new ScenarioResult(
                new Measurement(rows, rows / seconds, 0, 0, 0, 0, ""),
                [$"{rows:N0} rows in {seconds:0.0} s (req/s column = rows/s; latency columns unused)", string.Join(", ", biggest)]);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Execute(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
