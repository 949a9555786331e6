using Purl.Api.Client;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Purl.Core.Data;
using Purl.Core.Media;

namespace Purl.Core.Catalog;

/// <summary>What buyers read: product pages, storefronts and keyset-paged listings. Only listed products of active stores.</summary>
public sealed class CatalogReads(PurlDbContext db, NpgsqlDataSource dataSource)
{
    /// <summary>The product page, or null when there is no such product or it is not on sale.</summary>
    public async Task<ProductView?> ListedProductAsync(Guid productId, CancellationToken ct)
    {
        var product = await ProductViewAsync(db, productId, ct);
        return product is { IsActive: true, IsPublished: true } ? product : null;
    }

    /// <summary>Any product of an active store, listed or not (the vendor's own view uses it too).</summary>
    internal static async Task<ProductView?> ProductViewAsync(PurlDbContext db, Guid productId, CancellationToken ct)
    {
        var row = await (
                from p in db.Products.AsNoTracking()
                join v in db.Vendors on p.VendorId equals v.Id
                join c in db.Categories on p.CategoryId equals c.Id
                where p.Id == productId && v.IsActive
                select new { Product = p, Vendor = new VendorBadge(v.Id, v.Name, v.LogoUrl, v.IsVerified), Category = new CategoryRef(c.Id, c.Slug, c.Name) })
            .FirstOrDefaultAsync(ct);
        if (row is null)
            return null;
        var variants = await db.ProductVariants.AsNoTracking().Where(v => v.ProductId == productId)
            .OrderBy(v => v.SortOrder).ThenBy(v => v.Id).ToListAsync(ct);
        var images = await db.ProductImages.AsNoTracking().Where(i => i.ProductId == productId)
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(ct);
        return ToView(row.Product, row.Category, row.Vendor, variants, images);
    }

    internal static ProductView ToView(Product p, CategoryRef category, VendorBadge vendor, IEnumerable<ProductVariant> variants, IEnumerable<ProductImage> images) =>
        new(p.Id, p.Name, p.Description, p.Price, p.Currency.Trim(), p.Stock, p.Available, category, vendor,
            variants.OrderBy(v => v.SortOrder).Select(v => new VariantView(v.Id, v.Name, v.Sku, v.Price, p.Currency.Trim(), v.Stock, v.Available)).ToList(),
            images.OrderBy(i => i.SortOrder).Select(ToView).ToList(),
            p.Tags, p.Latitude is { } lat && p.Longitude is { } lng ? new Coordinates(lat, lng) : null,
            p.Rating, p.ReviewCount, p.SoldCount, p.IsActive, p.IsPublished, p.CreatedAt, p.UpdatedAt, p.Version);

    internal static ImageView ToView(ProductImage i) =>
        new(i.Id, MediaStore.UrlOf(i.Hash, i.Ext), MediaStore.UrlOf(i.ThumbnailHash, i.Ext), i.Width, i.Height);

    /// <summary>The storefront of an active store, or null.</summary>
    public async Task<StorefrontView?> StorefrontAsync(Guid vendorId, CancellationToken ct)
    {
        var vendor = await db.Vendors.AsNoTracking().FirstOrDefaultAsync(v => v.Id == vendorId && v.IsActive, ct);
        return vendor is null ? null : ToView(vendor);
    }

    internal static StorefrontView ToView(Vendor v) =>
        new(v.Id, v.Name, v.Slug, v.Description, v.LogoUrl, v.City,
            v.Latitude is { } lat && v.Longitude is { } lng ? new Coordinates(lat, lng) : null,
            v.IsVerified, v.Rating, v.FollowerCount, v.ProductCount, v.CreatedAt, v.Version);

    /// <summary>A category by id or slug, or null.</summary>
    public async Task<CategoryRef?> CategoryAsync(string idOrSlug, CancellationToken ct)
    {
        var byId = Guid.TryParse(idOrSlug, out var id);
        return await db.Categories.AsNoTracking()
            .Where(c => byId ? c.Id == id : c.Slug == idOrSlug)
            .Select(c => new CategoryRef(c.Id, c.Slug, c.Name))
            .FirstOrDefaultAsync(ct);
    }

    public Task<Page<ProductCard>> CategoryPageAsync(Guid categoryId, ListingQuery query, CancellationToken ct) =>
        PageAsync("p.category_id = @owner", categoryId, query, ct);

    public async Task<Page<ProductCard>?> VendorPageAsync(Guid vendorId, ListingQuery query, CancellationToken ct)
    {
        if (!await db.Vendors.AnyAsync(v => v.Id == vendorId && v.IsActive, ct))
            return null;
        return await PageAsync("p.vendor_id = @owner", vendorId, query, ct);
    }

    /// <summary>One page in the query's order, resuming strictly after its cursor; one row more than asked tells whether another page follows.</summary>
    private async Task<Page<ProductCard>> PageAsync(string owner, Guid ownerId, ListingQuery query, CancellationToken ct)
    {
        var (key, descending) = query.Sort switch
        {
            ListingSort.Newest => ("p.created_at", true),
            ListingSort.PriceAsc => ("p.price", false),
            ListingSort.PriceDesc => ("p.price", true),
            ListingSort.Popular => ("p.popularity", true),
            _ => throw new ArgumentOutOfRangeException(nameof(query)),
        };
        var direction = descending ? "DESC" : "ASC";
        var after = query.After is null ? "" : $"AND ({key}, p.id) {(descending ? "<" : ">")} (@key, @id)";
        var sql = $"""
            {ProductCards.SelectFrom}
            WHERE {owner} AND {ProductCards.Listed} {after}
            ORDER BY {key} {direction}, p.id {direction}
            LIMIT @limit
            """;

        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("owner", ownerId);
        command.Parameters.AddWithValue("limit", query.Limit + 1);
        if (query.After is { } cursor)
        {
            command.Parameters.Add(new NpgsqlParameter("key", cursor.KeyValue switch
            {
                DateTimeOffset => NpgsqlDbType.TimestampTz,
                decimal => NpgsqlDbType.Numeric,
                _ => NpgsqlDbType.Bigint,
            }) { Value = cursor.KeyValue });
            command.Parameters.AddWithValue("id", cursor.Id);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        var cards = await ProductCards.ReadAllAsync(reader, ct);
        if (cards.Count <= query.Limit)
            return new Page<ProductCard>(cards, null);
        cards.RemoveAt(cards.Count - 1);
        return new Page<ProductCard>(cards, ListingCursor.After(query.Sort, cards[^1]).Encode());
    }
}
