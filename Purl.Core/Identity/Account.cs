using Microsoft.EntityFrameworkCore;
using Purl.Core.Data;

namespace Purl.Core.Identity;

/// <summary>Who a user is, as `/me` and the access token's claims tell it.</summary>
public sealed record Account(Guid Id, string? Email, string? Phone, IReadOnlyList<string> Roles, Guid? VendorId)
{
    public static Task<Account?> LoadAsync(PurlDbContext db, Guid userId, CancellationToken ct) =>
        db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new Account(
                u.Id,
                u.Email,
                u.PhoneNumber,
                db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                    .OrderBy(name => name)
                    .ToList(),
                db.Vendors.Where(v => v.OwnerUserId == u.Id).Select(v => (Guid?)v.Id).FirstOrDefault()))
            .FirstOrDefaultAsync(ct);
}
