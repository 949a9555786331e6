using Purl.Core.Data;
using Purl.Core.Messaging;

namespace Purl.Core.Checkout;

/// <summary>One cart line to hold: a product, or one variant of it.</summary>
public sealed record StockLine(Guid ProductId, Guid? VariantId, int Quantity);

/// <summary>A line that could not be held: what was asked for and what is left (the 409's <c>lines</c>).</summary>
public sealed record StockShortage(Guid ProductId, Guid? VariantId, int Requested, int Available);

/// <summary>A product whose stock moved, and whether that took it (or one of its variants) in or out of stock.</summary>
public sealed record StockMove(Guid ProductId, Guid VendorId, bool AvailabilityCrossedZero);

/// <summary>What a checkout's holds did: the lines that could not be held (then nothing was), or the stock that moved.</summary>
public sealed record StockHold(IReadOnlyList<StockShortage> Shortages, IReadOnlyList<StockMove> Moves);

/// <summary>
/// The flash-sale rule, in one place: a hold succeeds only while <c>stock − reserved</c> covers it, decided by one
/// conditional UPDATE per row (<c>… WHERE stock - reserved &gt;= q</c>), never by a read followed by a write. The
/// <c>reserved</c> counters always equal the sum of the active reservation rows: every method here changes both in the
/// caller's transaction. Rows are locked in one order everywhere (products by id, then variants by id) so concurrent
/// checkouts, payments and expiries never deadlock.
/// </summary>
public static class StockReservations
{
    /// <summary>
    /// Holds every line or reports the ones that cannot be held; on any shortage the caller must roll back (the lines
    /// that did succeed are part of the same transaction). Needs an open transaction on <paramref name="db"/>.
    /// </summary>
    public static async Task<StockHold> ReserveAsync(PurlDbContext db, IReadOnlyCollection<StockLine> lines, CancellationToken ct)
    {
        var shortages = new List<StockShortage>();
        var moves = new Dictionary<Guid, StockMove>();
        // Product rows first: a plain line is checked against the product, variant lines are counted there too.
        foreach (var product in lines.GroupBy(l => l.ProductId).OrderBy(g => g.Key))
        {
            var total = product.Sum(l => l.Quantity);
            var plain = product.Where(l => l.VariantId is null).Sum(l => l.Quantity);
            var held = await db.QueryAsync("""
                UPDATE products SET reserved = reserved + $2
                WHERE id = $1 AND ($3 = 0 OR stock - reserved >= $3)
                RETURNING vendor_id, stock - reserved
                """, r => (Vendor: r.GetGuid(0), After: r.GetInt32(1)), ct, product.Key, total, plain);
            if (held.Count == 0)
                shortages.Add(new StockShortage(product.Key, null, plain, await AvailableAsync(db, "products", product.Key, ct)));
            else
                moves[product.Key] = new StockMove(product.Key, held[0].Vendor, CrossesZero(held[0].After, -total));
        }
        foreach (var line in lines.Where(l => l.VariantId is not null).OrderBy(l => l.VariantId))
        {
            var held = await db.QueryAsync("""
                UPDATE product_variants SET reserved = reserved + $3
                WHERE id = $1 AND product_id = $2 AND stock - reserved >= $3
                RETURNING stock - reserved
                """, r => r.GetInt32(0), ct, line.VariantId, line.ProductId, line.Quantity);
            if (held.Count == 0)
                shortages.Add(new StockShortage(line.ProductId, line.VariantId, line.Quantity, await AvailableAsync(db, "product_variants", line.VariantId!.Value, ct)));
            else if (CrossesZero(held[0], -line.Quantity) && moves.TryGetValue(line.ProductId, out var move))
                moves[line.ProductId] = move with { AvailabilityCrossedZero = true };
        }
        return new StockHold(shortages, shortages.Count > 0 ? [] : moves.Values.ToList());
    }

    /// <summary>
    /// Raises <see cref="ProductChanged"/> for the moves that took a product or a variant in or out of stock: only that
    /// changes what buyers see (the page's and search's "in stock"). Turning a hold into a sale leaves availability
    /// where it was, so a flash sale of 500 units raises one event when the last unit is held, not one per payment;
    /// the sold count and popularity catch up with the cache's lifetime and the search index's upkeep.
    /// </summary>
    /// <returns>How many events were raised (none: nothing new to save).</returns>
    public static int RaiseAvailabilityChanges(IOutbox outbox, IEnumerable<StockMove> moves)
    {
        var raised = 0;
        foreach (var move in moves.Where(m => m.AvailabilityCrossedZero))
        {
            outbox.Add(new ProductChanged(move.ProductId, move.VendorId, "stock"));
            raised++;
        }
        return raised;
    }

    /// <summary>
    /// Gives back what the orders' active reservations hold (cancel, expiry): the rows become <paramref name="status"/>
    /// and the counters go down. The caller has locked the orders.
    /// </summary>
    public static async Task<IReadOnlyList<StockMove>> ReleaseAsync(PurlDbContext db, Guid[] orderIds, ReservationStatus status, CancellationToken ct)
    {
        var held = await db.QueryAsync("""
            WITH released AS (
                UPDATE reservations SET status = $2 WHERE order_id = ANY($1) AND status = 'active'
                RETURNING product_id, variant_id, quantity)
            SELECT product_id, variant_id, sum(quantity)::int FROM released GROUP BY product_id, variant_id
            """, r => new StockLine(r.GetGuid(0), r.IsDBNull(1) ? null : r.GetGuid(1), r.GetInt32(2)),
            ct, orderIds, EnumText<ReservationStatus>.ToText(status));
        return await AdjustAsync(db, held, stockSign: 0, reservedSign: -1, soldSign: 0, ct);
    }

    /// <summary>A paid order's reservations become a sale: stock and reserved go down, sold count up. The caller has locked the order.</summary>
    public static async Task<IReadOnlyList<StockMove>> ConvertAsync(PurlDbContext db, Guid orderId, CancellationToken ct)
    {
        var held = await db.QueryAsync("""
            WITH converted AS (
                UPDATE reservations SET status = 'converted' WHERE order_id = $1 AND status = 'active'
                RETURNING product_id, variant_id, quantity)
            SELECT product_id, variant_id, sum(quantity)::int FROM converted GROUP BY product_id, variant_id
            """, r => new StockLine(r.GetGuid(0), r.IsDBNull(1) ? null : r.GetGuid(1), r.GetInt32(2)), ct, orderId);
        return await AdjustAsync(db, held, stockSign: -1, reservedSign: -1, soldSign: +1, ct);
    }

    /// <summary>A sold order that is cancelled puts its units back on the shelf and takes them off the sold count.</summary>
    public static async Task<IReadOnlyList<StockMove>> RestockAsync(PurlDbContext db, Guid orderId, CancellationToken ct)
    {
        var sold = await db.QueryAsync("""
            SELECT product_id, variant_id, sum(quantity)::int FROM order_items WHERE order_id = $1 GROUP BY product_id, variant_id
            """, r => new StockLine(r.GetGuid(0), r.IsDBNull(1) ? null : r.GetGuid(1), r.GetInt32(2)), ct, orderId);
        return await AdjustAsync(db, sold, stockSign: +1, reservedSign: 0, soldSign: -1, ct);
    }

    /// <summary>
    /// Applies signed quantities to products (then variants), locking rows in id order first. Stock never goes below
    /// zero: a vendor who cut stock under what was reserved has oversold their own shelf, and the paid sale still stands.
    /// </summary>
    private static async Task<IReadOnlyList<StockMove>> AdjustAsync(PurlDbContext db, IReadOnlyList<StockLine> lines,
        int stockSign, int reservedSign, int soldSign, CancellationToken ct)
    {
        if (lines.Count == 0) return [];
        var products = lines.GroupBy(l => l.ProductId).OrderBy(g => g.Key).ToArray();
        var productIds = products.Select(g => g.Key).ToArray();
        var quantities = products.Select(g => g.Sum(l => l.Quantity)).ToArray();
        await db.ExecuteAsync("SELECT 1 FROM products WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE", ct, productIds);
        var moves = await db.QueryAsync("""
            UPDATE products p SET
                stock = GREATEST(p.stock + $3 * x.q, 0),
                reserved = GREATEST(p.reserved + $4 * x.q, 0),
                sold_count = GREATEST(p.sold_count + $5 * x.q, 0),
                updated_at = now()
            FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::int[]) AS q) x
            WHERE p.id = x.id
            RETURNING p.id, p.vendor_id, p.stock - p.reserved AS available_after, x.q
            """, r => (Id: r.GetGuid(0), Vendor: r.GetGuid(1), After: r.GetInt32(2), Q: r.GetInt32(3)),
            ct, productIds, quantities, stockSign, reservedSign, soldSign);

        // Availability (stock − reserved) moved by (stockSign − reservedSign)·q on every row.
        var availabilitySign = stockSign - reservedSign;
        var crossed = moves.Where(m => CrossesZero(m.After, availabilitySign * m.Q)).Select(m => m.Id).ToHashSet();

        var variants = lines.Where(l => l.VariantId is not null).OrderBy(l => l.VariantId).ToArray();
        if (variants.Length > 0)
        {
            var variantIds = variants.Select(l => l.VariantId!.Value).ToArray();
            await db.ExecuteAsync("SELECT 1 FROM product_variants WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE", ct, variantIds);
            var variantMoves = await db.QueryAsync("""
                UPDATE product_variants v SET
                    stock = GREATEST(v.stock + $3 * x.q, 0),
                    reserved = GREATEST(v.reserved + $4 * x.q, 0)
                FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::int[]) AS q) x
                WHERE v.id = x.id
                RETURNING v.product_id, v.stock - v.reserved AS available_after, x.q
                """, r => (Product: r.GetGuid(0), After: r.GetInt32(1), Q: r.GetInt32(2)),
                ct, variantIds, variants.Select(l => l.Quantity).ToArray(), stockSign, reservedSign);
            crossed.UnionWith(variantMoves.Where(m => CrossesZero(m.After, availabilitySign * m.Q)).Select(m => m.Product));
        }
        return moves.Select(m => new StockMove(m.Id, m.Vendor, crossed.Contains(m.Id))).ToList();
    }

    /// <summary>Whether availability, now <paramref name="after"/> after moving by <paramref name="change"/>, went in or out of stock.</summary>
    private static bool CrossesZero(int after, int change) => (after - change > 0) != (after > 0);

    private static async Task<int> AvailableAsync(PurlDbContext db, string table, Guid id, CancellationToken ct)
    {
        var rows = await db.QueryAsync($"SELECT GREATEST(stock - reserved, 0) FROM {table} WHERE id = $1", r => r.GetInt32(0), ct, id);
        return rows.Count == 0 ? 0 : rows[0];
    }
}
