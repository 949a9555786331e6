using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Purl.Web.Auth;

/// <summary>The signed-in vendor of this circuit (or request): who they are and a live API token for them.</summary>
public sealed class VendorSession(AuthenticationStateProvider authentication, SessionTokens tokens)
{
    public async Task<ClaimsPrincipal> GetUserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<Guid?> GetVendorIdAsync() =>
        Guid.TryParse((await GetUserAsync()).FindFirstValue(WebClaims.VendorId), out var id) ? id : null;

    /// <exception cref="SessionExpiredException">Nobody is signed in, or the API session is over.</exception>
    public async Task<string> GetAccessTokenAsync(CancellationToken ct)
    {
        var session = (await GetUserAsync()).FindFirstValue(WebClaims.Session) ?? throw new SessionExpiredException();
        return await tokens.GetAccessTokenAsync(session, ct);
    }
}
