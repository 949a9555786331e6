using Microsoft.AspNetCore.Authorization;

namespace Purl.Core.Identity;

/// <summary>The authorization policies endpoints name, all defined here.</summary>
public static class PurlPolicies
{
    /// <summary>A signed-in store owner: the vendor role and the store's id in the token.</summary>
    public const string Vendor = "vendor";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Vendor, policy => policy.RequireAuthenticatedUser().RequireRole(PurlRoles.Vendor).RequireClaim(PurlClaims.VendorId));
    }
}
