using Microsoft.AspNetCore.Authorization;

namespace Purl.Core.Identity;

/// <summary>The authorization policies endpoints ask for by name.</summary>
public static class PurlPolicies
{
    /// <summary>A signed-in vendor with a store (the token carries <c>vendor_id</c>).</summary>
    public const string Vendor = "vendor";

    /// <summary>Anyone signed in who can buy: buyers, and vendors too (a vendor can also buy).</summary>
    public const string Buyer = "buyer";

    public static void Add(AuthorizationBuilder authorization) => authorization
        .AddPolicy(Vendor, p => p.RequireAuthenticatedUser().RequireRole(PurlRoles.Vendor).RequireClaim(PurlClaims.VendorId))
        .AddPolicy(Buyer, p => p.RequireAuthenticatedUser().RequireRole(PurlRoles.Buyer, PurlRoles.Vendor, PurlRoles.Admin));
}
