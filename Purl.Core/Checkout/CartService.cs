using Microsoft.EntityFrameworkCore;
using Purl.Core.Data;

namespace Purl.Core.Checkout;

/// <summary>A cart line at today's price and stock. <see cref="Purchasable"/> is false once the product or its store is off sale.</summary>
public sealed record CartLine(
    Guid Id,
    Guid ProductId,
    Guid? VariantId,
    Guid VendorId,
    string VendorName,
    string? VendorLogoUrl,
    string ProductName,
    string? VariantName,
    string? ImageHash,
    string? ImageExt,
    decimal UnitPrice,
    string Currency,
    int Quantity,
    int Available,
    bool Purchasable,
    bool NeedsVariant)
{
    public decimal LineTotal => UnitPrice * Quantity;
}

public sealed record CartView(IReadOnlyList<CartLine> Lines)
{
    public decimal Total => Lines.Where(l => l.Purchasable).Sum(l => l.LineTotal);
    public string Currency => Lines.FirstOrDefault()?.Currency ?? Money.Kes;
}

/// <summary>The buyer's one cart. Prices are never stored in it: every read, and checkout, takes today's.</summary>
public sealed class CartService(PurlDbContext db)
{
    public const int MaxQuantity = 99;

    public async Task<CartView> GetAsync(Guid buyerId, CancellationToken ct) => new(await LinesAsync(db, buyerId, ct));

    public async Task<Outcome<CartView>> AddAsync(Guid buyerId, Guid productId, Guid? variantId, int quantity, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (productId == Guid.Empty) errors.Add("productId", "Give the product's id.");
        if (variantId == Guid.Empty) errors.Add("variantId", "Leave variantId out, or give the variant's id.");
        if (quantity is < 1 or > MaxQuantity) errors.Add("quantity", $"Quantity must be from 1 to {MaxQuantity}.");
        if (errors.Any) return errors.ToProblem();

        var product = await db.Products.AsNoTracking()
            .Where(p => p.Id == productId)
            .Select(p => new
            {
                p.IsActive,
                p.IsPublished,
                VendorActive = db.Vendors.Any(v => v.Id == p.VendorId && v.IsActive),
                Available = p.Stock - p.Reserved,
                HasVariants = p.Variants.Any(),
                Variant = p.Variants.Where(v => v.Id == variantId).Select(v => new { Available = v.Stock - v.Reserved }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (product is null || !product.IsActive || !product.IsPublished || !product.VendorActive)
            return new Problem(ProblemKind.NotFound, "No product on sale has this id.") { Errors = Field("productId", "No product on sale has this id.") };
        if (variantId is null && product.HasVariants)
            return Problem.Invalid("variantId", "This product comes in variants: choose one.");
        if (variantId is not null && product.Variant is null)
            return Problem.Invalid("variantId", "This product has no such variant.");

        var cartId = (await db.QueryAsync("""
            INSERT INTO carts (id, user_id, created_at, updated_at) VALUES ($1, $2, now(), now())
            ON CONFLICT (user_id) DO UPDATE SET updated_at = now()
            RETURNING id
            """, r => r.GetGuid(0), ct, Guid.CreateVersion7(), buyerId))[0];
        var inCart = await db.CartItems.AsNoTracking()
            .Where(i => i.CartId == cartId && i.ProductId == productId && i.VariantId == variantId)
            .Select(i => i.Quantity).FirstOrDefaultAsync(ct);
        var wanted = Math.Min(inCart + quantity, MaxQuantity);
        var available = Math.Max(0, product.Variant?.Available ?? product.Available);
        if (wanted > available)
            return OutOfStock([new StockShortage(productId, variantId, wanted, available)]);

        await db.ExecuteAsync("""
            INSERT INTO cart_items (id, cart_id, product_id, variant_id, quantity, added_at) VALUES ($1, $2, $3, $4, $5, now())
            ON CONFLICT (cart_id, product_id, variant_id) DO UPDATE SET quantity = LEAST(cart_items.quantity + excluded.quantity, $6)
            """, ct, Guid.CreateVersion7(), cartId, productId, variantId, quantity, MaxQuantity);
        return await GetAsync(buyerId, ct);
    }

    public async Task<Outcome<CartView>> UpdateAsync(Guid buyerId, Guid itemId, int quantity, CancellationToken ct)
    {
        if (quantity is < 1 or > MaxQuantity)
            return Problem.Invalid("quantity", $"Quantity must be from 1 to {MaxQuantity}; remove the item to drop it.");
        var line = (await LinesAsync(db, buyerId, ct)).FirstOrDefault(l => l.Id == itemId);
        if (line is null) return ItemNotFound();
        if (quantity > line.Quantity && quantity > line.Available)
            return OutOfStock([new StockShortage(line.ProductId, line.VariantId, quantity, Math.Max(0, line.Available))]);

        await db.CartItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Quantity, quantity), ct);
        return await GetAsync(buyerId, ct);
    }

    public async Task<Outcome<CartView>> RemoveAsync(Guid buyerId, Guid itemId, CancellationToken ct)
    {
        var removed = await db.CartItems
            .Where(i => i.Id == itemId && db.Carts.Any(c => c.Id == i.CartId && c.UserId == buyerId))
            .ExecuteDeleteAsync(ct);
        return removed == 0 ? ItemNotFound() : await GetAsync(buyerId, ct);
    }

    /// <summary>The buyer's lines with today's prices, names and stock, oldest first.</summary>
    internal static async Task<IReadOnlyList<CartLine>> LinesAsync(PurlDbContext db, Guid buyerId, CancellationToken ct)
    {
        // Plain SQL: the LINQ form of "the line's variant" and "the first image" became window functions over every
        // variant and image in the catalogue, run on each cart read and each checkout.
        var rows = await db.QueryAsync("""
            SELECT i.id, i.product_id, i.variant_id, i.quantity, p.vendor_id, v.name, v.logo_url, p.name, p.price, p.currency,
                   p.stock - p.reserved, p.is_active AND p.is_published AND v.is_active,
                   EXISTS (SELECT 1 FROM product_variants AS any_variant WHERE any_variant.product_id = p.id),
                   pv.id IS NOT NULL, pv.name, pv.price, pv.stock - pv.reserved, image.hash, image.ext
            FROM carts AS c
            JOIN cart_items AS i ON i.cart_id = c.id
            JOIN products AS p ON p.id = i.product_id
            JOIN vendors AS v ON v.id = p.vendor_id
            LEFT JOIN product_variants AS pv ON pv.id = i.variant_id AND pv.product_id = p.id
            LEFT JOIN LATERAL (
                SELECT pi.hash, pi.ext FROM product_images AS pi WHERE pi.product_id = p.id ORDER BY pi.sort_order LIMIT 1
            ) AS image ON true
            WHERE c.user_id = $1
            ORDER BY i.added_at, i.id
            """, r => new
            {
                Id = r.GetGuid(0),
                ProductId = r.GetGuid(1),
                VariantId = r.IsDBNull(2) ? (Guid?)null : r.GetGuid(2),
                Quantity = r.GetInt32(3),
                VendorId = r.GetGuid(4),
                VendorName = r.GetString(5),
                LogoUrl = r.IsDBNull(6) ? null : r.GetString(6),
                ProductName = r.GetString(7),
                Price = r.GetDecimal(8),
                Currency = r.GetString(9),
                ProductAvailable = r.GetInt32(10),
                OnSale = r.GetBoolean(11),
                HasVariants = r.GetBoolean(12),
                Variant = r.GetBoolean(13) ? new { Name = r.GetString(14), Price = r.GetDecimal(15), Available = r.GetInt32(16) } : null,
                Image = r.IsDBNull(17) ? null : new { Hash = r.GetString(17), Ext = r.GetString(18) },
            }, ct, buyerId);

        return rows.Select(r =>
        {
            var variantMissing = r.VariantId is not null && r.Variant is null;
            var needsVariant = r.VariantId is null && r.HasVariants;
            return new CartLine(r.Id, r.ProductId, r.VariantId, r.VendorId, r.VendorName, r.LogoUrl, r.ProductName, r.Variant?.Name,
                r.Image?.Hash, r.Image?.Ext, r.Variant?.Price ?? r.Price, r.Currency.Trim(), r.Quantity,
                Math.Max(0, r.Variant?.Available ?? r.ProductAvailable), r.OnSale && !variantMissing && !needsVariant, needsVariant);
        }).ToList();
    }

    public static Problem OutOfStock(IReadOnlyList<StockShortage> lines) =>
        new(ProblemKind.Conflict, "Not enough stock.", lines.Count == 1 ? "One line asks for more than is left." : $"{lines.Count} lines ask for more than is left.")
        {
            Extensions = new Dictionary<string, object?> { ["lines"] = lines },
        };

    private static Problem ItemNotFound() => new(ProblemKind.NotFound, "Your cart has no such item.");

    private static Dictionary<string, string[]> Field(string field, string message) => new() { [field] = [message] };
}
