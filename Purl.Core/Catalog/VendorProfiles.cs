using Microsoft.EntityFrameworkCore;
using Purl.Core.Caching;
using Purl.Core.Data;
using Purl.Core.Messaging;

namespace Purl.Core.Catalog;

/// <summary>The store profile as the vendor sends it; <c>version</c> is the one they read.</summary>
public sealed record StoreDraft(string? Name, string? Description, string? LogoUrl, string? City, Coordinates? Location, uint? Version);

/// <summary>
/// The vendor's own store profile. Its slug stays put when the name changes, so links keep working. A change raises
/// <see cref="VendorChanged"/> and evicts the storefront and every cached product page showing the store.
/// </summary>
public sealed class VendorProfiles(PurlDbContext db, IOutbox outbox, PurlCache cache)
{
    public const int CityMaxLength = 80;
    public const int DescriptionMaxLength = 2000;
    public const int LogoUrlMaxLength = 500;

    public async Task<Outcome<StorefrontView>> GetAsync(Guid vendorId, CancellationToken ct)
    {
        var vendor = await db.Vendors.AsNoTracking().FirstOrDefaultAsync(v => v.Id == vendorId, ct);
        return vendor is null ? CatalogProblems.NoStore : CatalogReads.ToView(vendor);
    }

    public async Task<Outcome<StorefrontView>> UpdateAsync(Guid vendorId, StoreDraft draft, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = draft.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add("name", "A store name is required.");
        else if (name.Length > Vendor.NameMaxLength)
            errors.Add("name", $"At most {Vendor.NameMaxLength} characters.");
        var description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        if (description?.Length > DescriptionMaxLength)
            errors.Add("description", $"At most {DescriptionMaxLength} characters.");
        var logoUrl = string.IsNullOrWhiteSpace(draft.LogoUrl) ? null : draft.LogoUrl.Trim();
        if (logoUrl is not null && (logoUrl.Length > LogoUrlMaxLength || !IsLogoUrl(logoUrl)))
            errors.Add("logoUrl", $"A /media/… path or an https address, at most {LogoUrlMaxLength} characters.");
        var city = string.IsNullOrWhiteSpace(draft.City) ? null : draft.City.Trim();
        if (city?.Length > CityMaxLength)
            errors.Add("city", $"At most {CityMaxLength} characters.");
        if (draft.Location is { } location)
        {
            if (!double.IsFinite(location.Lat) || location.Lat is < -90 or > 90)
                errors.Add("location.lat", "A latitude is from -90 to 90.");
            if (!double.IsFinite(location.Lng) || location.Lng is < -180 or > 180)
                errors.Add("location.lng", "A longitude is from -180 to 180.");
        }
        if (draft.Version is null)
            errors.Add("version", "Send the version you read, so a change made meanwhile is not overwritten.");
        if (errors.Any)
            return errors.ToProblem();

        var vendor = await db.Vendors.FirstOrDefaultAsync(v => v.Id == vendorId, ct);
        if (vendor is null)
            return CatalogProblems.NoStore;
        db.Entry(vendor).Property(v => v.Version).OriginalValue = draft.Version!.Value;
        vendor.Name = name!;
        vendor.Description = description;
        vendor.LogoUrl = logoUrl;
        vendor.City = city;
        vendor.Latitude = draft.Location?.Lat;
        vendor.Longitude = draft.Location?.Lng;
        outbox.Add(new VendorChanged(vendorId, "updated"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CatalogProblems.StoreChangedMeanwhile;
        }
        await cache.InvalidateAsync(CatalogCacheKeys.VendorChanged(vendorId), ct);
        return CatalogReads.ToView(vendor);
    }

    private static bool IsLogoUrl(string url) =>
        url.StartsWith(Media.MediaStore.UrlPrefix, StringComparison.Ordinal)
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);
}
