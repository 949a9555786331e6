using Microsoft.Extensions.Logging;
using Npgsql;

namespace Purl.Core.Catalog;

/// <summary>
/// The marketplace home's rankings (seed 001): each is a plain view computing it live (<c>live_*</c>) and a materialised
/// copy of it (<c>mv_*</c>) with a unique index, so a refresh can run <c>CONCURRENTLY</c> while readers keep reading the
/// previous contents. The views hold only ranks (50 rows each); prices, names and stock are joined live when read.
/// The migration creates the copies empty (<c>WITH NO DATA</c>); until the first refresh the home reads the live views.
/// </summary>
public static class MarketplaceViews
{
    /// <summary>A ranking's live view and its materialised copy (both created by the Catalog migration).</summary>
    public sealed record Ranking(string Live, string Materialised);

    public static readonly Ranking Hot = new("live_hot_products", "mv_hot_products");
    public static readonly Ranking TopRated = new("live_top_rated_products", "mv_top_rated_products");
    public static readonly Ranking NewArrivals = new("live_new_arrivals", "mv_new_arrivals");
    public static readonly Ranking CategoryCounts = new("live_category_counts", "mv_category_counts");

    public static IReadOnlyList<Ranking> All { get; } = [Hot, TopRated, NewArrivals, CategoryCounts];

    /// <summary>Held while refreshing, so two workers never refresh at once ("PurlMvRe").</summary>
    private const long RefreshLockKey = 0x5075726C4D765265;

    /// <summary>
    /// Refreshes every materialised view: the first time plainly (an empty view cannot be refreshed concurrently, and
    /// nobody reads it yet), then <c>CONCURRENTLY</c>. Returns false when another process holds the refresh.
    /// </summary>
    public static async Task<bool> RefreshAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({RefreshLockKey})", connection))
        {
            if (!(bool)(await take.ExecuteScalarAsync(ct))!)
                return false;
        }
        try
        {
            var populated = new Dictionary<string, bool>();
            await using (var status = new NpgsqlCommand("SELECT matviewname, ispopulated FROM pg_matviews WHERE schemaname = current_schema()", connection))
            await using (var reader = await status.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    populated[reader.GetString(0)] = reader.GetBoolean(1);

            foreach (var view in All)
            {
                var concurrently = populated.GetValueOrDefault(view.Materialised) ? "CONCURRENTLY " : "";
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await using var refresh = new NpgsqlCommand($"REFRESH MATERIALIZED VIEW {concurrently}{view.Materialised}", connection) { CommandTimeout = 300 };
                await refresh.ExecuteNonQueryAsync(ct);
                logger.LogDebug("Refreshed {View} {How}in {Ms} ms", view.Materialised, concurrently, clock.ElapsedMilliseconds);
            }
            return true;
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({RefreshLockKey})", connection);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }
}
