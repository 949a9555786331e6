using Microsoft.Extensions.Logging;
using Purl.Core.Messaging;

namespace Purl.Core.Search;

/// <summary>
/// Keeps the search index in step with the catalogue: every <see cref="ProductChanged"/> re-reads the product (a hidden or
/// deleted one leaves the index), every <see cref="VendorChanged"/> re-reads the store and all its products. It commits on its
/// own — the index may live outside Postgres — and is idempotent, since each sync writes the current state. Once a product
/// has left the index, cached search pages are made stale, after the removal is visible.
/// </summary>
[HandlesOwnTransactions]
public sealed class SearchIndexer(ISearchIndex index, SearchCache cache, ILogger<SearchIndexer> logger)
    : IConsumer<ProductChanged>, IConsumer<VendorChanged>
{
    public async Task HandleAsync(ProductChanged message, ConsumeContext context, CancellationToken cancellationToken)
    {
        var sync = await index.SyncProductsAsync([message.ProductId], cancellationToken);
        await AfterAsync(sync, cancellationToken);
    }

    public async Task HandleAsync(VendorChanged message, ConsumeContext context, CancellationToken cancellationToken)
    {
        var sync = await index.SyncVendorAsync(message.VendorId, cancellationToken);
        await AfterAsync(sync, cancellationToken);
    }

    private async Task AfterAsync(IndexSync sync, CancellationToken cancellationToken)
    {
        if (sync.Removed == 0) return;
        logger.LogDebug("{Removed} products left the search index", sync.Removed);
        await cache.InvalidateAllAsync(cancellationToken);
    }
}
