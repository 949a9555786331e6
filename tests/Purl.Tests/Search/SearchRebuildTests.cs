using Purl.Api.Client;
using Purl.Api.Client.Search;
using Purl.Core.Search;
using Purl.Tests.Messaging;
using Purl.Workers;

namespace Purl.Tests.Search;

/// <summary>The whole index rebuilt: by the workers when they start on an empty index, and by the <c>search rebuild</c> command.</summary>
public sealed class SearchRebuildTests(SearchApp app) : IClassFixture<SearchApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task EmptyTheIndexAsync()
    {
        await using var command = app.DataSource.CreateCommand("DELETE FROM search_products; DELETE FROM search_vendors; DELETE FROM search_words");
        await command.ExecuteNonQueryAsync(Ct);
        await app.GetRequiredService<SearchCache>().InvalidateAllAsync(Ct);
    }

    private async Task<long> CountAsync() =>
        (await PurlApiClient.For<ISearchApi>(app.CreateClient()).SearchProductsAsync(new ProductSearchQuery(), Ct)).TotalHits;

    private static readonly int Visible = SearchCatalogue.Items.Count(i => !i.Key.StartsWith('X'));

    [Fact]
    public async Task Workers_that_start_on_an_empty_index_rebuild_it()
    {
        await EmptyTheIndexAsync();
        Assert.Equal(0, await CountAsync());

        using var workers = await SearchIndexSyncTests.StartWorkersAsync(app, Ct);

        await Eventually.HoldsAsync(async () => await CountAsync() == Visible, TimeSpan.FromSeconds(30), "the index is rebuilt", Ct);
        var typo = await PurlApiClient.For<ISearchApi>(app.CreateClient()).SearchProductsAsync(new ProductSearchQuery { Q = "shooes" }, Ct);
        Assert.NotEmpty(typo.Hits); // the vocabulary is back too
        await workers.StopAsync(Ct);
    }

    [Fact]
    public async Task The_rebuild_command_restores_the_index_in_batches_and_drops_what_is_hidden()
    {
        await EmptyTheIndexAsync();
        await using (var stale = app.DataSource.CreateCommand($"""
            INSERT INTO search_products (product_id, vendor_id, vendor_name, vendor_verified, category_id, category_slug, category_name,
                name, tags, price, currency, in_stock, rating, review_count, popularity, created_at, document, indexed_at)
            SELECT id, vendor_id, 'x', false, category_id, 'x', 'x', name, tags, price, 'KES', true, 0, 0, 0, now(), to_tsvector('english', name), now()
            FROM products WHERE id = '{app.Catalogue.Id("X1")}'
            """))
            await stale.ExecuteNonQueryAsync(Ct);

        var settings = app.Resources.ToConfiguration().Select(kv => $"--{kv.Key}={kv.Value}");
        var exitCode = await SearchCommand.RunAsync(["search", "rebuild", .. settings, "--Search:RebuildBatchSize=7"]);

        Assert.Equal(0, exitCode);
        Assert.Equal(Visible, await CountAsync());
        var discontinued = await PurlApiClient.For<ISearchApi>(app.CreateClient()).SearchProductsAsync(new ProductSearchQuery { Q = "discontinued" }, Ct);
        Assert.Empty(discontinued.Hits);
    }
}
