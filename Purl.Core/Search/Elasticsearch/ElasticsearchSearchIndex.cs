using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Purl.Core.Search.Elasticsearch;

/// <summary>
/// Keeps <c>{prefix}-products</c> and <c>{prefix}-vendors</c> in step with Postgres through <c>_bulk</c>. Documents are read
/// with the same SQL as the Postgres index (<see cref="SearchDocuments"/>); a product that is no longer visible is deleted.
/// Syncs wait for the refresh (<c>refresh=wait_for</c>), so a removal is searchable before the caches are made stale.
/// </summary>
public sealed class ElasticsearchSearchIndex(
    IElasticsearchApi elasticsearch, NpgsqlDataSource dataSource, IOptions<SearchOptions> options, TimeProvider time) : ISearchIndex
{
    private string Products => ElasticsearchIndexNames.Products(options.Value);
    private string Vendors => ElasticsearchIndexNames.Vendors(options.Value);

    public async Task<IndexSync> SyncProductsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        if (productIds.Count == 0) return IndexSync.None;
        await EnsureIndexesAsync(cancellationToken);
        var documents = await SearchDocuments.LoadAsync(dataSource, productIds, cancellationToken);
        return await WriteProductsAsync(documents, productIds.Except(documents.Select(d => d.ProductId)), "wait_for", cancellationToken);
    }

    public async Task<IndexSync> SyncVendorAsync(Guid vendorId, CancellationToken cancellationToken)
    {
        await EnsureIndexesAsync(cancellationToken);
        var now = time.GetUtcNow();
        var vendor = (await SearchDocuments.LoadVendorsAsync(dataSource, vendorId, cancellationToken)).SingleOrDefault();
        await BulkAsync(ElasticsearchRequests.Bulk(Vendors,
            vendor is null ? [] : [(vendor.VendorId.ToString(), ElasticsearchRequests.VendorDocument(vendor, now))],
            vendor is null ? [vendorId.ToString()] : []), "wait_for", cancellationToken);

        var documents = await SearchDocuments.LoadOfVendorAsync(dataSource, vendorId, cancellationToken);
        var all = await SearchDocuments.ProductIdsOfVendorAsync(dataSource, vendorId, cancellationToken);
        return await WriteProductsAsync(documents, all.Except(documents.Select(d => d.ProductId)), "wait_for", cancellationToken);
    }

    public async Task<RebuildReport> RebuildAsync(int batchSize, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await EnsureIndexesAsync(cancellationToken);
        var started = time.GetUtcNow();

        var vendors = await SearchDocuments.LoadVendorsAsync(dataSource, null, cancellationToken);
        foreach (var chunk in vendors.Chunk(batchSize))
            await BulkAsync(ElasticsearchRequests.Bulk(Vendors,
                chunk.Select(v => (v.VendorId.ToString(), ElasticsearchRequests.VendorDocument(v, started))), []), "false", cancellationToken);

        var (products, batches, after) = (0, 0, Guid.Empty);
        while (true)
        {
            var documents = await SearchDocuments.LoadBatchAsync(dataSource, after, batchSize, cancellationToken);
            batches++;
            if (documents.Count > 0) await WriteProductsAsync(documents, [], "false", cancellationToken, started);
            products += documents.Count;
            if (documents.Count < batchSize) break;
            after = documents[^1].ProductId;
        }

        // What the rebuild did not write again is no longer visible.
        var removed = await elasticsearch.DeleteByQueryAsync(Products, ElasticsearchRequests.IndexedBefore(started), "true", cancellationToken);
        await elasticsearch.DeleteByQueryAsync(Vendors, ElasticsearchRequests.IndexedBefore(started), "true", cancellationToken);
        return new RebuildReport(products, (int)removed.Deleted, vendors.Count, batches, clock.Elapsed);
    }

    public async Task<bool> NeedsRebuildAsync(CancellationToken cancellationToken)
    {
        var count = await elasticsearch.CountAsync(Products, cancellationToken);
        if (count.StatusCode != HttpStatusCode.NotFound)
        {
            if (!count.IsSuccessStatusCode) throw count.Error!;
            if (count.Content!.Count > 0) return false;
        }
        return await SearchDocuments.AnyVisibleAsync(dataSource, cancellationToken);
    }

    /// <summary>Views, sales and ratings change without events: write every visible product again (removals are the syncs' job).</summary>
    public async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var after = Guid.Empty;
        while (true)
        {
            var documents = await SearchDocuments.LoadBatchAsync(dataSource, after, options.Value.RebuildBatchSize, cancellationToken);
            if (documents.Count > 0) await WriteProductsAsync(documents, [], "false", cancellationToken);
            if (documents.Count < options.Value.RebuildBatchSize) return;
            after = documents[^1].ProductId;
        }
    }

    private async Task<IndexSync> WriteProductsAsync(
        IReadOnlyCollection<SearchDocument> documents, IEnumerable<Guid> removals, string refresh, CancellationToken cancellationToken,
        DateTimeOffset? indexedAt = null)
    {
        var at = indexedAt ?? time.GetUtcNow();
        var response = await BulkAsync(ElasticsearchRequests.Bulk(Products,
            documents.Select(d => (d.ProductId.ToString(), ElasticsearchRequests.ProductDocument(d, at))),
            removals.Select(id => id.ToString())), refresh, cancellationToken);
        var items = response?.Items.SelectMany(i => i).ToList() ?? [];
        return new IndexSync(
            items.Count(i => i.Key == "index"),
            items.Count(i => i.Key == "delete" && i.Value.Result == "deleted"));
    }

    private async Task<BulkResponse?> BulkAsync(string ndjson, string refresh, CancellationToken cancellationToken)
    {
        if (ndjson.Length == 0) return null;
        using var content = new StringContent(ndjson);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var response = await elasticsearch.BulkAsync(content, refresh, cancellationToken);
        var failed = response.Items.SelectMany(i => i)
            .Where(i => i.Value.Status >= 300 && !(i.Key == "delete" && i.Value.Status == (int)HttpStatusCode.NotFound))
            .ToList();
        if (failed.Count > 0)
            throw new InvalidOperationException(
                $"Elasticsearch refused {failed.Count} bulk item(s); first: {failed[0].Key} {failed[0].Value.Id} {failed[0].Value.Status} {failed[0].Value.Error}");
        return response;
    }

    private volatile bool _ensured;

    private async Task EnsureIndexesAsync(CancellationToken cancellationToken)
    {
        if (_ensured) return;
        await EnsureAsync(Products, ElasticsearchRequests.ProductsIndex());
        await EnsureAsync(Vendors, ElasticsearchRequests.VendorsIndex());
        _ensured = true;

        async Task EnsureAsync(string index, JsonObject definition)
        {
            using var exists = await elasticsearch.IndexExistsAsync(index, cancellationToken);
            if (exists.StatusCode == HttpStatusCode.OK) return;
            if (exists.StatusCode != HttpStatusCode.NotFound)
                throw new HttpRequestException($"Elasticsearch answered HEAD /{index} with {(int)exists.StatusCode}", null, exists.StatusCode);
            try
            {
                await elasticsearch.CreateIndexAsync(index, definition, cancellationToken);
            }
            catch (Refit.ApiException e) when (e.StatusCode == HttpStatusCode.BadRequest && e.Content?.Contains("resource_already_exists_exception") == true)
            {
                // Another worker created it between our HEAD and PUT.
            }
        }
    }
}
