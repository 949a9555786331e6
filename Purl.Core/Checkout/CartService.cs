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
        var rows = await (
            from item in db.CartItems.AsNoTracking()
            join cart in db.Carts on item.CartId equals cart.Id
            join product in db.Products on item.ProductId equals product.Id
            join vendor in db.Vendors on product.VendorId equals vendor.Id
            where cart.UserId == buyerId
            orderby item.AddedAt, item.Id
            select new
            {
                item.Id,
                item.ProductId,
                item.VariantId,
                item.Quantity,
                product.VendorId,
                VendorName = vendor.Name,
                vendor.LogoUrl,
                ProductName = product.Name,
                product.Price,
                product.Currency,
                ProductAvailable = product.Stock - product.Reserved,
                OnSale = product.IsActive && product.IsPublished && vendor.IsActive,
                HasVariants = product.Variants.Any(),
                Variant = product.Variants.Where(v => v.Id == item.VariantId)
                    .Select(v => new { v.Name, v.Price, Available = v.Stock - v.Reserved }).FirstOrDefault(),
                Image = product.Images.OrderBy(i => i.SortOrder).Select(i => new { i.Hash, i.Ext }).FirstOrDefault(),
            }).ToListAsync(ct);

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
