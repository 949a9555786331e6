using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Purl.Core.Search;
using Purl.Core.Search.Postgres;
using Purl.Tests.Messaging;

namespace Purl.Tests.Search;

/// <summary>
/// The in-memory copy of the Postgres index catches up with exactly what changed: writes of transactions it could not see
/// when it last read, removals, products put back, and enough changes to be packed afresh.
/// </summary>
public sealed class SearchSnapshotsTests(SearchApp app) : IClassFixture<SearchApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SearchSnapshots NewSnapshots(int catchUpLimit = 1_000) =>
        new(app.DataSource, Options.Create(new SearchOptions { SnapshotCatchUpLimit = catchUpLimit }), NullLogger<SearchSnapshots>.Instance);

    private async Task ExecuteAsync(string sql, Guid? id = null)
    {
        await using var command = app.DataSource.CreateCommand(sql);
        if (id is { } value) command.Parameters.AddWithValue("id", value);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static IndexedProduct[] Live(SearchSnapshot snapshot) => snapshot.Slots.OfType<IndexedProduct>().ToArray();

    private async Task<long> RowsAsync()
    {
        await using var command = app.DataSource.CreateCommand("SELECT count(*) FROM search_products");
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task A_write_by_a_transaction_still_open_when_the_snapshot_was_read_is_caught_up_once_it_commits()
    {
        var snapshots = NewSnapshots();
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
        var snapshots = NewSnapshots();
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
        var snapshots = NewSnapshots();
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

    [Fact]
    public async Task Past_the_catch_up_limit_a_search_answers_from_the_snapshot_it_has_while_the_changes_are_read_but_a_removal_is_always_waited_for()
    {
        var snapshots = NewSnapshots(catchUpLimit: 5);
        var before = await snapshots.CurrentAsync(Ct);
        Assert.True(before.Count > 5);

        await ExecuteAsync("UPDATE search_products SET popularity = popularity + 100");
        Assert.Same(before, await snapshots.CurrentAsync(Ct));
        await Eventually.HoldsAsync(async () =>
        {
            var now = await snapshots.CurrentAsync(Ct);
            return now != before && Live(now).All(p => p.Popularity >= 100);
        }, TimeSpan.FromSeconds(10), "the background read brings the changes", Ct);

        var id = app.Catalogue.Id("B3");
        await ExecuteAsync("UPDATE search_products SET popularity = popularity + 100; DELETE FROM search_products WHERE product_id = @id", id);
        Assert.DoesNotContain(Live(await snapshots.CurrentAsync(Ct)), p => p.Id == id);

        await app.GetRequiredService<ISearchIndex>().SyncProductsAsync([id], Ct);
    }
}
