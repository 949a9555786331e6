using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Purl.Core.Catalog;

/// <summary>Settings under <c>Marketplace:</c>.</summary>
public sealed class MarketplaceOptions
{
    public const string Section = "Marketplace";

    /// <summary>Read the home from the materialised views (false: always the live aggregate queries; the bench's comparison).</summary>
    public bool UseViews { get; set; } = true;

    /// <summary>How often Purl.Workers refreshes the views.</summary>
    public TimeSpan ViewRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Products in each row of the home.</summary>
    public int HomeRowSize { get; set; } = 20;
}

/// <summary>
/// The marketplace home and the category list: rankings from the materialised views, the products themselves joined
/// live (so a product taken off sale since the last refresh is not shown). All four lists in one round trip. A view that
/// has not been populated yet (Postgres error 55000) makes this request use the live views instead.
/// </summary>
public sealed class MarketplaceHome(NpgsqlDataSource dataSource, IOptions<MarketplaceOptions> options, ILogger<MarketplaceHome> logger)
{
    private const string NotPopulated = "55000";

    public async Task<MarketplaceHomeView> HomeAsync(CancellationToken ct)
    {
        if (options.Value.UseViews)
        {
            try
            {
                return await ReadHomeAsync(fromViews: true, ct);
            }
            catch (PostgresException e) when (e.SqlState == NotPopulated)
            {
                logger.LogDebug("Marketplace views not populated yet; the home is computed live");
            }
        }
        return await ReadHomeAsync(fromViews: false, ct);
    }

    /// <summary>The home from the views (<paramref name="fromViews"/>) or computed live, with no fallback: for comparing the two.</summary>
    public async Task<MarketplaceHomeView> ReadHomeAsync(bool fromViews, CancellationToken ct)
    {
        var limit = options.Value.HomeRowSize;
        await using var batch = dataSource.CreateBatch();
        foreach (var ranking in new[] { MarketplaceViews.Hot, MarketplaceViews.TopRated, MarketplaceViews.NewArrivals })
        {
            var source = fromViews ? ranking.Materialised : ranking.Live;
            var command = new NpgsqlBatchCommand($"""
                {ProductCards.SelectFrom}
                JOIN {source} r ON r.id = p.id
                WHERE {ProductCards.Listed}
                ORDER BY r.rank
                LIMIT $1
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = limit });
            batch.BatchCommands.Add(command);
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand(CategoriesSql(fromViews)));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var hot = await ProductCards.ReadAllAsync(reader, ct);
        await reader.NextResultAsync(ct);
        var topRated = await ProductCards.ReadAllAsync(reader, ct);
        await reader.NextResultAsync(ct);
        var newArrivals = await ProductCards.ReadAllAsync(reader, ct);
        await reader.NextResultAsync(ct);
        var categories = await ReadCategoriesAsync(reader, ct);
        return new MarketplaceHomeView(hot, topRated, newArrivals, categories, fromViews);
    }

    /// <summary>Every category with its count of listed products, in display order.</summary>
    public async Task<IReadOnlyList<CategoryCount>> CategoriesAsync(CancellationToken ct)
    {
        if (options.Value.UseViews)
        {
            try
            {
                return await ReadCategoriesAsync(fromViews: true, ct);
            }
            catch (PostgresException e) when (e.SqlState == NotPopulated)
            {
                logger.LogDebug("Category counts not materialised yet; counted live");
            }
        }
        return await ReadCategoriesAsync(fromViews: false, ct);
    }

    public async Task<IReadOnlyList<CategoryCount>> ReadCategoriesAsync(bool fromViews, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(CategoriesSql(fromViews));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadCategoriesAsync(reader, ct);
    }

    private static string CategoriesSql(bool fromViews) =>
        $"SELECT id, slug, name, product_count FROM {(fromViews ? MarketplaceViews.CategoryCounts.Materialised : MarketplaceViews.CategoryCounts.Live)} ORDER BY sort_order, slug";

    private static async Task<List<CategoryCount>> ReadCategoriesAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var categories = new List<CategoryCount>();
        while (await reader.ReadAsync(ct))
            categories.Add(new CategoryCount(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        return categories;
    }
}
