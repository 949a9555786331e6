using Microsoft.AspNetCore.Authorization;

namespace Purl.Core.Identity;

/// <summary>Purl's authorization policies, all registered here.</summary>
public static class PurlPolicies
{
    /// <summary>A signed-in vendor whose token names their store (<c>vendor_id</c>): the <c>/vendor/*</c> routes.</summary>
    public const string Vendor = "vendor";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Vendor, policy => policy.RequireAuthenticatedUser().RequireRole(PurlRoles.Vendor).RequireClaim(PurlClaims.VendorId));
    }
}
