using Purl.Api.Client;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Purl.Core.Caching;
using Purl.Core.Data;
using Purl.Core.Media;
using Purl.Core.Messaging;

namespace Purl.Core.Catalog;

public enum ProductStatus { Draft, Published, Inactive }

/// <summary>A product in the vendor's own list.</summary>
public sealed record OwnProductSummary(
    Guid Id, string Name, decimal Price, string Currency, int Stock, ProductStatus Status, string? ImageUrl,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version);

/// <summary>
/// A vendor's own catalogue: create, edit, publish, unpublish, deactivate, add images. Every change is checked against
/// the store that owns the product, commits with its <see cref="ProductChanged"/> event, and evicts the cached product
/// and storefront on every API instance once committed. Edits carry the version the vendor read: a product changed
/// meanwhile (another edit, a sale) answers 409 instead of losing either change.
/// </summary>
public sealed class VendorCatalog(PurlDbContext db, IOutbox outbox, PurlCache cache, MediaStore media, ImageProcessor images, TimeProvider clock)
{
    public async Task<Outcome<ProductView>> CreateAsync(Guid vendorId, ProductDraft draft, CancellationToken ct)
    {
        var checkedDraft = ProductRules.Check(draft);
        if (checkedDraft.Problem is { } invalid)
            return invalid;
        var tidy = checkedDraft.Value!;
        if (tidy.Variants!.Select((v, i) => (v, i)).FirstOrDefault(x => x.v.Id is not null) is { v: not null } withId)
            return Problem.Invalid($"variants[{withId.i}].id", "A new product's variants have no ids yet.");
        var vendor = await db.Vendors.AsNoTracking().FirstOrDefaultAsync(v => v.Id == vendorId, ct);
        if (vendor is null)
            return CatalogProblems.NoStore;
        var category = await CategoryAsync(tidy.CategoryId!.Value, ct);
        if (category is null)
            return Problem.Invalid("categoryId", "No such category.");

        var now = clock.GetUtcNow();
        var product = new Product
        {
            VendorId = vendorId,
            Name = tidy.Name!,
            CreatedAt = now,
            UpdatedAt = now,
            IsPublished = false,
        };
        Apply(product, tidy, vendor);
        db.Products.Add(product);
        outbox.Add(new ProductChanged(product.Id, vendorId, "created"));
        await db.SaveChangesAsync(ct);
        return CatalogReads.ToView(product, category, Badge(vendor), product.Variants, product.Images);
    }

    public async Task<Outcome<ProductView>> UpdateAsync(Guid vendorId, Guid productId, ProductDraft draft, uint? version, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (version is null)
            errors.Add("version", "Send the version you read, so a change made meanwhile is not overwritten.");
        var checkedDraft = ProductRules.Check(draft, errors);
        if (checkedDraft.Problem is { } invalid)
            return invalid;
        var tidy = checkedDraft.Value!;

        var found = await OwnProductAsync(vendorId, productId, ct);
        if (found.Problem is { } notYours)
            return notYours;
        var product = found.Value!;
        if (!product.IsActive)
            return CatalogProblems.Deactivated;
        var category = await CategoryAsync(tidy.CategoryId!.Value, ct);
        if (category is null)
            return Problem.Invalid("categoryId", "No such category.");
        var vendor = await db.Vendors.AsNoTracking().FirstAsync(v => v.Id == vendorId, ct);

        db.Entry(product).Property(p => p.Version).OriginalValue = version!.Value;
        var variantProblem = ReconcileVariants(product, tidy.Variants!);
        if (variantProblem is not null)
            return variantProblem;
        Apply(product, tidy, vendor);
        product.UpdatedAt = clock.GetUtcNow();
        outbox.Add(new ProductChanged(product.Id, vendorId, "updated"));

        var saved = await SaveAsync(ct);
        if (saved is not null)
            return saved;
        await cache.InvalidateAsync(CatalogCacheKeys.ProductChanged(product.Id, vendorId), ct);
        return CatalogReads.ToView(product, category, Badge(vendor), product.Variants, product.Images);
    }

    /// <summary>Puts the product on sale or takes it off. Asking for the state it is already in changes nothing.</summary>
    public async Task<Outcome<ProductView>> SetPublishedAsync(Guid vendorId, Guid productId, bool publish, CancellationToken ct)
    {
        var found = await OwnProductAsync(vendorId, productId, ct);
        if (found.Problem is { } notYours)
            return notYours;
        var product = found.Value!;
        if (!product.IsActive)
            return CatalogProblems.Deactivated;
        if (product.IsPublished != publish)
        {
            product.IsPublished = publish;
            product.UpdatedAt = clock.GetUtcNow();
            outbox.Add(new ProductChanged(product.Id, vendorId, publish ? "published" : "unpublished"));
            var saved = await SaveCountingAsync(vendorId, publish ? 1 : -1, ct);
            if (saved is not null)
                return saved;
            await cache.InvalidateAsync(CatalogCacheKeys.ProductChanged(product.Id, vendorId), ct);
        }
        return (await CatalogReads.ProductViewAsync(db, productId, ct))!;
    }

    /// <summary>Takes the product off sale for good (orders keep referring to it). Deactivating twice changes nothing.</summary>
    public async Task<Outcome<bool>> DeactivateAsync(Guid vendorId, Guid productId, CancellationToken ct)
    {
        var found = await OwnProductAsync(vendorId, productId, ct);
        if (found.Problem is { } notYours)
            return notYours;
        var product = found.Value!;
        if (!product.IsActive)
            return true;
        var wasListed = product.IsListed;
        product.IsActive = false;
        product.IsPublished = false;
        product.UpdatedAt = clock.GetUtcNow();
        outbox.Add(new ProductChanged(product.Id, vendorId, "deleted"));
        var saved = await SaveCountingAsync(vendorId, wasListed ? -1 : 0, ct);
        if (saved is not null)
            return saved;
        await cache.InvalidateAsync(CatalogCacheKeys.ProductChanged(product.Id, vendorId), ct);
        return true;
    }

    /// <summary>Resizes the upload, stores both sizes and adds the image after the product's others.</summary>
    public async Task<Outcome<ImageView>> AddImageAsync(Guid vendorId, Guid productId, byte[] upload, string field, CancellationToken ct)
    {
        var found = await OwnProductAsync(vendorId, productId, ct);
        if (found.Problem is { } notYours)
            return notYours;
        var product = found.Value!;
        if (!product.IsActive)
            return CatalogProblems.Deactivated;
        var existing = await db.ProductImages.Where(i => i.ProductId == productId).Select(i => i.SortOrder).ToListAsync(ct);
        if (existing.Count >= ProductRules.MaxImages)
            return new Problem(ProblemKind.Unprocessable, $"A product has at most {ProductRules.MaxImages} images.");

        var processed = images.Process(upload, field);
        if (processed.Problem is { } unreadable)
            return unreadable;
        var image = processed.Value!;
        // Files first: a failed commit leaves unreferenced files, never a row pointing at nothing.
        var displayHash = await media.SaveAsync(image.Display, image.Ext, ct);
        var thumbnailHash = await media.SaveAsync(image.Thumbnail, image.Ext, ct);
        var row = new ProductImage
        {
            ProductId = productId,
            Hash = displayHash,
            ThumbnailHash = thumbnailHash,
            Ext = image.Ext,
            Width = image.Width,
            Height = image.Height,
            SortOrder = existing.Count == 0 ? 0 : existing.Max() + 1,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ProductImages.Add(row);
        product.UpdatedAt = row.CreatedAt;
        outbox.Add(new ProductChanged(productId, vendorId, "updated"));
        var saved = await SaveAsync(ct);
        if (saved is not null)
            return saved;
        await cache.InvalidateAsync(CatalogCacheKeys.ProductChanged(productId, vendorId), ct);
        return CatalogReads.ToView(row);
    }

    public async Task<Outcome<ProductView>> GetAsync(Guid vendorId, Guid productId, CancellationToken ct)
    {
        var owner = await db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => (Guid?)p.VendorId).FirstOrDefaultAsync(ct);
        if (owner is null)
            return CatalogProblems.NoProduct;
        if (owner != vendorId)
            return CatalogProblems.NotYours;
        return (await CatalogReads.ProductViewAsync(db, productId, ct))!;
    }

    /// <summary>The vendor's products, newest first; <paramref name="status"/> null lists all but deactivated ones.</summary>
    public async Task<Page<OwnProductSummary>> ListAsync(Guid vendorId, ProductStatus? status, ListingQuery query, CancellationToken ct)
    {
        var products = db.Products.AsNoTracking().Where(p => p.VendorId == vendorId);
        products = status switch
        {
            ProductStatus.Draft => products.Where(p => p.IsActive && !p.IsPublished),
            ProductStatus.Published => products.Where(p => p.IsActive && p.IsPublished),
            ProductStatus.Inactive => products.Where(p => !p.IsActive),
            _ => products.Where(p => p.IsActive),
        };
        if (query.After is { } after)
        {
            var createdAt = (DateTimeOffset)after.KeyValue;
            products = products.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.CreatedAt, p.Id), ValueTuple.Create(createdAt, after.Id)));
        }
        var rows = await products
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Take(query.Limit + 1)
            .Select(p => new
            {
                p.Id, p.Name, p.Price, p.Currency, p.Stock, p.IsActive, p.IsPublished, p.CreatedAt, p.UpdatedAt, p.Version,
                // A scalar subquery, one index probe: an object projected with FirstOrDefault makes EF number every image in the table.
                ImageFile = p.Images.OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => i.ThumbnailHash + "." + i.Ext).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var items = rows.Take(query.Limit).Select(p => new OwnProductSummary(
            p.Id, p.Name, p.Price, p.Currency.Trim(), p.Stock,
            !p.IsActive ? ProductStatus.Inactive : p.IsPublished ? ProductStatus.Published : ProductStatus.Draft,
            p.ImageFile is null ? null : MediaStore.UrlOf(p.ImageFile),
            p.CreatedAt, p.UpdatedAt, p.Version)).ToList();
        var next = rows.Count > query.Limit
            ? new ListingCursor(ListingSort.Newest, items[^1].CreatedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), items[^1].Id).Encode()
            : null;
        return new Page<OwnProductSummary>(items, next);
    }

    private async Task<Outcome<Product>> OwnProductAsync(Guid vendorId, Guid productId, CancellationToken ct)
    {
        var product = await db.Products.Include(p => p.Variants).FirstOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null)
            return CatalogProblems.NoProduct;
        if (product.VendorId != vendorId)
            return CatalogProblems.NotYours;
        return product;
    }

    private Task<CategoryRef?> CategoryAsync(Guid categoryId, CancellationToken ct) =>
        db.Categories.AsNoTracking().Where(c => c.Id == categoryId).Select(c => new CategoryRef(c.Id, c.Slug, c.Name)).FirstOrDefaultAsync(ct);

    private static VendorBadge Badge(Vendor v) => new(v.Id, v.Name, v.LogoUrl, v.IsVerified);

    /// <summary>Copies a checked draft onto the product. With variants, the product's stock is theirs added up.</summary>
    private void Apply(Product product, ProductDraft draft, Vendor vendor)
    {
        product.Name = draft.Name!;
        product.Description = draft.Description;
        product.CategoryId = draft.CategoryId!.Value;
        product.Price = draft.Price!.Value;
        product.Currency = Money.Kes;
        product.Tags = [.. draft.Tags!];
        var location = draft.Location ?? (vendor.Latitude is { } lat && vendor.Longitude is { } lng ? new Coordinates(lat, lng) : null);
        product.Latitude = location?.Lat;
        product.Longitude = location?.Lng;
        var variants = draft.Variants!;
        for (var i = 0; i < variants.Count; i++)
        {
            var d = variants[i];
            var variant = d.Id is { } id ? product.Variants.First(v => v.Id == id) : AddVariant(product, d.Name!);
            variant.Name = d.Name!;
            variant.Sku = d.Sku;
            variant.Price = d.Price ?? product.Price;
            variant.Stock = d.Stock!.Value;
            variant.SortOrder = i;
        }
        product.Stock = variants.Count > 0 ? product.Variants.Sum(v => v.Stock) : draft.Stock ?? 0;
    }

    private ProductVariant AddVariant(Product product, string name)
    {
        var variant = new ProductVariant { ProductId = product.Id, Name = name };
        product.Variants.Add(variant);
        // Explicitly added: a new entity with its key already set would otherwise be taken for an existing row.
        if (db.Entry(product).State != EntityState.Added)
            db.ProductVariants.Add(variant);
        return variant;
    }

    /// <summary>Variants named by id must be this product's; the product's variants the draft leaves out are removed.</summary>
    private Problem? ReconcileVariants(Product product, IReadOnlyList<VariantDraft> drafts)
    {
        var errors = new FieldErrors();
        for (var i = 0; i < drafts.Count; i++)
            if (drafts[i].Id is { } id && product.Variants.All(v => v.Id != id))
                errors.Add($"variants[{i}].id", "No such variant of this product.");
        if (errors.Any)
            return errors.ToProblem();
        var kept = drafts.Where(d => d.Id is not null).Select(d => d.Id!.Value).ToHashSet();
        foreach (var removed in product.Variants.Where(v => !kept.Contains(v.Id)).ToList())
        {
            product.Variants.Remove(removed);
            db.ProductVariants.Remove(removed);
        }
        return null;
    }

    private async Task<Problem?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return CatalogProblems.ChangedMeanwhile;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            return new Problem(ProblemKind.Conflict, "A variant you removed has orders.",
                "Keep the variant and set its stock to 0 instead.");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new Problem(ProblemKind.Conflict, "Two variants would share a SKU.", "Change one SKU at a time.");
        }
    }

    /// <summary>Saves, and moves the store's count of listed products by <paramref name="listedDelta"/> in the same transaction.</summary>
    private async Task<Problem?> SaveCountingAsync(Guid vendorId, int listedDelta, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await SaveAsync(ct) is { } problem)
            return problem;
        if (listedDelta != 0)
            await db.Vendors.Where(v => v.Id == vendorId)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.ProductCount, v => v.ProductCount + listedDelta), ct);
        await transaction.CommitAsync(ct);
        return null;
    }
}

public static class CatalogProblems
{
    public static readonly Problem NoProduct = new(ProblemKind.NotFound, "No such product.");
    public static readonly Problem NoStore = new(ProblemKind.NotFound, "No such store.");
    public static readonly Problem NoCategory = new(ProblemKind.NotFound, "No such category.");
    public static readonly Problem NotYours = new(ProblemKind.Forbidden, "This product belongs to another store.");
    public static readonly Problem Deactivated = new(ProblemKind.Conflict, "This product was deactivated.", "Deactivated products cannot be changed; create a new one.");
    public static readonly Problem ChangedMeanwhile = new(ProblemKind.Conflict, "The product changed since you read it.",
        "Read it again, reapply your change and send the new version.");
    public static readonly Problem StoreChangedMeanwhile = new(ProblemKind.Conflict, "The store changed since you read it.",
        "Read it again, reapply your change and send the new version.");
}
