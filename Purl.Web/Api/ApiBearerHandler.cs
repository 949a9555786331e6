using System.Net;
using System.Net.Http.Headers;
using Purl.Web.Auth;

namespace Purl.Web.Api;

/// <summary>
/// Puts the signed-in vendor's access token (refreshed when due) on every call to the API, and turns a 401 into
/// <see cref="SessionExpiredException"/>, which the pages answer by sending the vendor to sign in. One per vendor client
/// of a circuit (or request), so it always holds that circuit's own session, whichever thread a call starts on.
/// </summary>
internal sealed class ApiBearerHandler(VendorSession session) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
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
