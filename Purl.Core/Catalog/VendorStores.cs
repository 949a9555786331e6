using System.Text;
using Microsoft.EntityFrameworkCore;
using Purl.Core.Data;
using Purl.Core.Messaging;

namespace Purl.Core.Catalog;

/// <summary>Opening a vendor's store. Everything that must happen when a store comes to be happens here.</summary>
public static class VendorStores
{
    public const int SlugMaxLength = 60;

    /// <summary>Adds the store inside the caller's transaction and saves it together with its <see cref="VendorChanged"/> event.</summary>
    public static async Task<Vendor> CreateAsync(PurlDbContext db, IOutbox outbox, Guid ownerUserId, string storeName, CancellationToken ct)
    {
        var vendor = new Vendor
        {
            OwnerUserId = ownerUserId,
            Name = storeName,
            Slug = await FreeSlugAsync(db, Slugify(storeName), ct),
        };
        db.Vendors.Add(vendor);
        outbox.Add(new VendorChanged(vendor.Id, "opened"));
        await db.SaveChangesAsync(ct);
        return vendor;
    }

    /// <summary>"Mama Mboga's Shop!" → "mama-mbogas-shop". Non-Latin names fall back to "store".</summary>
    public static string Slugify(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
                slug.Append(c);
            else if ((char.IsWhiteSpace(c) || c is '-' or '_' or '&' or '.' or '/') && slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }
        var text = slug.ToString().Trim('-');
        if (text.Length > SlugMaxLength)
            text = text[..SlugMaxLength].TrimEnd('-');
        return text.Length == 0 ? "store" : text;
    }

    /// <summary>The slug itself if free, else the first free "slug-2", "slug-3", …</summary>
    private static async Task<string> FreeSlugAsync(PurlDbContext db, string slug, CancellationToken ct)
    {
        var prefix = slug + "-";
        var taken = (await db.Vendors
            .Where(v => v.Slug == slug || v.Slug.StartsWith(prefix))
            .Select(v => v.Slug)
            .ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(slug))
            return slug;
        for (var n = 2; ; n++)
        {
            if (!taken.Contains(prefix + n))
                return prefix + n;
        }
    }
}
