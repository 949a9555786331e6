using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Purl.Api.Client;
using Purl.Api.Client.Auth;
using Purl.Web.Api;
using Refit;

namespace Purl.Web.Auth;

/// <summary>
/// Signs a vendor in with the API's credentials: logs in, asks <c>/me</c> who that is, refuses anyone without a store, and
/// keeps the tokens in the server-side ticket (never in the browser).
/// </summary>
public sealed class VendorSignIn(IAuthApi auth, IHttpClientFactory httpClients, TimeProvider clock)
{
    public const string NotAVendor = "This is a buyer account. The dashboard is for vendors: sign in with your store's account.";
    public const string BadCredentials = "Email or password is incorrect.";

    /// <summary>Null when signed in; otherwise what to show on the form.</summary>
    public async Task<ApiProblem?> SignInAsync(HttpContext http, string email, string password, CancellationToken ct)
    {
        TokenResponse tokens;
        MeResponse me;
        try
        {
            tokens = await auth.LoginAsync(new LoginRequest(email, password), ct);
            var client = httpClients.CreateClient(ApiClients.AnonymousClient).WithBearer(tokens.AccessToken);
            me = await PurlApiClient.For<IAuthApi>(client).GetMeAsync(ct);
        }
        catch (ApiException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
        {
            return new ApiProblem(BadCredentials);
        }
        catch (ApiException e)
        {
            return ApiProblem.From(e);
        }
        catch (HttpRequestException)
        {
            return ApiProblem.Unreachable;
        }

        if (me.VendorId is not { } vendorId || !me.Roles.Contains("vendor"))
            return new ApiProblem(NotAVendor);

        var claims = new List<Claim>
        {
            new(WebClaims.Session, Guid.NewGuid().ToString("N")),
            new(WebClaims.UserId, me.Id.ToString()),
            new(WebClaims.Email, me.Email),
            new(ClaimTypes.Name, me.Email),
            new(WebClaims.VendorId, vendorId.ToString()),
        };
        claims.AddRange(me.Roles.Select(role => new Claim(WebClaims.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, WebClaims.Role));
        var properties = new AuthenticationProperties { IsPersistent = true };
        SessionTokens.Store(properties, tokens, clock.GetUtcNow());
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties);
        return null;
    }
}
