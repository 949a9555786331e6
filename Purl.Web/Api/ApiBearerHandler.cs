using System.Net;
using System.Net.Http.Headers;
using Purl.Web.Auth;

namespace Purl.Web.Api;

/// <summary>
/// Puts the signed-in vendor's access token (refreshed when due) on every call to the API, and turns a 401 into
/// <see cref="SessionExpiredException"/>, which the pages answer by sending the vendor to sign in.
/// </summary>
internal sealed class ApiBearerHandler(CircuitServicesAccessor circuit, IHttpContextAccessor http) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var services = circuit.Services ?? http.HttpContext?.RequestServices
            ?? throw new SessionExpiredException("No signed-in vendor for this call.");
        var session = services.GetRequiredService<VendorSession>();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await session.GetAccessTokenAsync(cancellationToken));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new SessionExpiredException();
        }
        return response;
    }
}
