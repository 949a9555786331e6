using System.Security.Claims;

namespace Purl.Core.Identity;

/// <summary>The claims in Purl's access tokens, under their short JWT names (inbound claim mapping is off).</summary>
public static class PurlClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Role = "role";
    public const string VendorId = "vendor_id";

    /// <summary>The signed-in user's id; only call behind RequireAuthorization.</summary>
    public static Guid GetUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(Subject), out var id)
            ? id
            : throw new InvalidOperationException("The principal has no user id; is the endpoint missing RequireAuthorization()?");

    public static Guid? GetVendorId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(VendorId), out var id) ? id : null;
}
