using System.Globalization;

namespace Purl.Core.Catalog;

public sealed record Coordinates(double Lat, double Lng);

/// <summary>A variant as the vendor sends it. <c>Id</c> names an existing variant to keep; none adds one.</summary>
public sealed record VariantDraft(Guid? Id, string? Name, string? Sku, decimal? Price, int? Stock);

/// <summary>
/// A product as the vendor sends it, on create and on update (an update replaces every field). Field names in errors
/// are the JSON names the client used.
/// </summary>
public sealed record ProductDraft(
    string? Name,
    string? Description,
    Guid? CategoryId,
    decimal? Price,
    string? Currency,
    int? Stock,
    IReadOnlyList<VariantDraft>? Variants,
    IReadOnlyList<string>? Tags,
    Coordinates? Location);

/// <summary>The rules a product must meet, checked before anything is written.</summary>
public static class ProductRules
{
    /// <summary>Dearer than anything sold on Purl (a car is sold elsewhere): a typo, not a price.</summary>
    public const decimal MaxPrice = 10_000_000m;
    public const int MaxStock = 1_000_000;
    public const int MaxVariants = 50;
    public const int VariantNameMaxLength = 100;
    public const int SkuMaxLength = 64;
    public const int MaxTags = 20;
    public const int TagMaxLength = 40;
    public const int MaxImages = 10;

    /// <summary>The draft tidied (trimmed names, lowercase distinct tags), or the field errors.</summary>
    public static Outcome<ProductDraft> Check(ProductDraft draft)
    {
        var errors = new FieldErrors();
        var name = draft.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add("name", "A name is required.");
        else if (name.Length > Product.NameMaxLength)
            errors.Add("name", $"At most {Product.NameMaxLength} characters.");

        var description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        if (description?.Length > Product.DescriptionMaxLength)
            errors.Add("description", $"At most {Product.DescriptionMaxLength} characters.");

        if (draft.CategoryId is null)
            errors.Add("categoryId", "A category is required.");
        if (draft.Currency is { } currency && currency != Money.Kes)
            errors.Add("currency", $"Prices are in {Money.Kes}.");
        CheckPrice(errors, "price", draft.Price, required: true);

        var variants = draft.Variants ?? [];
        if (variants.Count > 0 && draft.Stock is not null)
            errors.Add("stock", "A product with variants keeps its stock per variant; leave stock out.");
        else
            CheckStock(errors, "stock", draft.Stock, required: false);
        if (variants.Count > MaxVariants)
            errors.Add("variants", $"At most {MaxVariants} variants.");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var skus = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ids = new HashSet<Guid>();
        var tidyVariants = new List<VariantDraft>(variants.Count);
        for (var i = 0; i < variants.Count; i++)
        {
            var v = variants[i];
            var field = $"variants[{i}]";
            if (v is null)
            {
                errors.Add(field, "A variant is required.");
                continue;
            }
            var variantName = v.Name?.Trim();
            if (string.IsNullOrEmpty(variantName))
                errors.Add($"{field}.name", "A name is required.");
            else if (variantName.Length > VariantNameMaxLength)
                errors.Add($"{field}.name", $"At most {VariantNameMaxLength} characters.");
            else if (!names.Add(variantName))
                errors.Add($"{field}.name", "Two variants have this name.");
            var sku = string.IsNullOrWhiteSpace(v.Sku) ? null : v.Sku.Trim();
            if (sku?.Length > SkuMaxLength)
                errors.Add($"{field}.sku", $"At most {SkuMaxLength} characters.");
            else if (sku is not null && !skus.Add(sku))
                errors.Add($"{field}.sku", "Two variants have this SKU.");
            if (v.Id is { } id && !ids.Add(id))
                errors.Add($"{field}.id", "Two variants have this id.");
            CheckPrice(errors, $"{field}.price", v.Price, required: false);
            CheckStock(errors, $"{field}.stock", v.Stock, required: true);
            tidyVariants.Add(v with { Name = variantName, Sku = sku });
        }

        var tags = new List<string>();
        foreach (var (tag, i) in (draft.Tags ?? []).Select((t, i) => (t, i)))
        {
            var tidy = tag?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(tidy))
                errors.Add($"tags[{i}]", "A tag cannot be empty.");
            else if (tidy.Length > TagMaxLength)
                errors.Add($"tags[{i}]", $"At most {TagMaxLength} characters.");
            else if (!tags.Contains(tidy))
                tags.Add(tidy);
        }
        if (tags.Count > MaxTags)
            errors.Add("tags", $"At most {MaxTags} tags.");

        if (draft.Location is { } location)
        {
            if (!double.IsFinite(location.Lat) || location.Lat is < -90 or > 90)
                errors.Add("location.lat", "A latitude is from -90 to 90.");
            if (!double.IsFinite(location.Lng) || location.Lng is < -180 or > 180)
                errors.Add("location.lng", "A longitude is from -180 to 180.");
        }

        if (errors.Any)
            return errors.ToProblem();
        return draft with { Name = name, Description = description, Currency = Money.Kes, Variants = tidyVariants, Tags = tags };
    }

    public static void CheckPrice(FieldErrors errors, string field, decimal? price, bool required)
    {
        switch (price)
        {
            case null when required:
                errors.Add(field, "A price is required.");
                break;
            case null:
                break;
            case <= 0:
                errors.Add(field, "A price is more than 0.");
                break;
            case > MaxPrice:
                errors.Add(field, $"At most {MaxPrice.ToString("N0", CultureInfo.InvariantCulture)} {Money.Kes}.");
                break;
            case { } p when p.Scale > Money.Scale && decimal.Round(p, Money.Scale) != p:
                errors.Add(field, "At most two decimals.");
                break;
        }
    }

    private static void CheckStock(FieldErrors errors, string field, int? stock, bool required)
    {
        if (stock is null && required)
            errors.Add(field, "A stock count is required.");
        else if (stock < 0)
            errors.Add(field, "Stock cannot be negative.");
        else if (stock > MaxStock)
            errors.Add(field, $"At most {MaxStock.ToString("N0", CultureInfo.InvariantCulture)}.");
    }
}
