using Microsoft.Extensions.Logging.Abstractions;
using Purl.Core.Search;
using Purl.Core.Search.Postgres;

namespace Purl.Tests.Search;

/// <summary>
/// The in-memory copy of the Postgres index catches up with exactly what changed: writes of transactions it could not see
/// when it last read, removals, products put back, and enough changes to be packed afresh.
/// </summary>
public sealed class SearchSnapshotsTests(SearchApp app) : IClassFixture<SearchApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SearchSnapshots NewSnapshots() => new(app.DataSource, NullLogger<SearchSnapshots>.Instance);

    private static IndexedProduct[] Live(SearchSnapshot snapshot) => snapshot.Slots.OfType<IndexedProduct>().ToArray();

    private async Task<long> RowsAsync()
    {
        await using var command = app.DataSource.CreateCommand("SELECT count(*) FROM search_products");
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task A_write_by_a_transaction_still_open_when_the_snapshot_was_read_is_caught_up_once_it_commits()
    {
        using var snapshots = NewSnapshots();
        var id = app.Catalogue.Id("H5");
        await using var connection = await app.DataSource.OpenConnectionAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await using (var rename = new Npgsql.NpgsqlCommand("""
            UPDATE search_products SET name = 'Zebra basket', document = to_tsvector('english', 'Zebra basket') WHERE product_id = @id
            """, connection, transaction))
        {
            rename.Parameters.AddWithValue("id", id);
            Assert.Equal(1, await rename.ExecuteNonQueryAsync(Ct));
        }

        var before = await snapshots.CurrentAsync(Ct); // read while the rename is written but not committed
        Assert.NotEqual("Zebra basket", Live(before).Single(p => p.Id == id).Name);
        await transaction.CommitAsync(Ct);

        var after = await snapshots.CurrentAsync(Ct);
        Assert.Equal("Zebra basket", Live(after).Single(p => p.Id == id).Name);
        var found = SnapshotSearch.Run(after, new ProductSearch(), [new LexemeTerm(["zebra"], null, [])]);
        Assert.Equal([id], found.Page.Select(h => h.Product.Id));

        await app.GetRequiredService<ISearchIndex>().SyncProductsAsync([id], Ct); // as the catalogue says again
    }

    [Fact]
    public async Task A_removed_product_leaves_the_next_snapshot_and_comes_back_once_when_indexed_again()
    {
        using var snapshots = NewSnapshots();
        var id = app.Catalogue.Id("G3");
        var rows = await RowsAsync();
        Assert.Contains(Live(await snapshots.CurrentAsync(Ct)), p => p.Id == id);

        await using (var remove = app.DataSource.CreateCommand("DELETE FROM search_products WHERE product_id = @id"))
        {
            remove.Parameters.AddWithValue("id", id);
            await remove.ExecuteNonQueryAsync(Ct);
        }
        var without = await snapshots.CurrentAsync(Ct);
        Assert.DoesNotContain(Live(without), p => p.Id == id);
        Assert.Equal(rows - 1, without.Count);

        await app.GetRequiredService<ISearchIndex>().SyncProductsAsync([id], Ct);
        var back = await snapshots.CurrentAsync(Ct);
        Assert.Single(Live(back), p => p.Id == id);
        Assert.Equal(rows, back.Count);
    }

    [Fact]
    public async Task Rewriting_every_row_again_and_again_packs_the_snapshot_and_keeps_each_product_once_with_its_latest_values()
    {
        using var snapshots = NewSnapshots();
        await snapshots.CurrentAsync(Ct);
        const int Rounds = 30; // about 40 products: over 1,000 dead slots, so the snapshot is packed on the way
        for (var round = 1; round <= Rounds; round++)
        {
            await using (var update = app.DataSource.CreateCommand("UPDATE search_products SET popularity = popularity + 1"))
                await update.ExecuteNonQueryAsync(Ct);
            await snapshots.CurrentAsync(Ct);
        }

        var snapshot = await snapshots.CurrentAsync(Ct);
        var stored = new Dictionary<Guid, double>();
        await using (var read = app.DataSource.CreateCommand("SELECT product_id, popularity FROM search_products"))
        await using (var reader = await read.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) stored[reader.GetGuid(0)] = reader.GetDouble(1);

        var live = Live(snapshot);
        Assert.Equal(stored.Count, snapshot.Count);
        Assert.Equal(stored.Count, live.Select(p => p.Id).Distinct().Count());
        Assert.All(live, p => Assert.Equal(stored[p.Id], p.Popularity));
        Assert.True(snapshot.Slots.Length < Rounds * stored.Count, $"dead slots are packed away: {snapshot.Slots.Length} slots");
    }
}
