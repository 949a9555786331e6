using Refit;

namespace Purl.Api.Client.Auth;

/// <summary>
/// Registration, sign-in and the current user. Failures throw <see cref="ApiException"/> (a 400 as
/// <see cref="ValidationApiException"/> with the field errors). <see cref="GetMeAsync"/> needs the access token on the
/// HttpClient (see <see cref="PurlApiClient"/>).
/// </summary>
public interface IAuthApi
{
    [Post(AuthRoutes.Register)]
    Task<MeResponse> RegisterAsync([Body] RegisterRequest request, CancellationToken ct = default);

    [Post(AuthRoutes.Login)]
    Task<TokenResponse> LoginAsync([Body] LoginRequest request, CancellationToken ct = default);

    [Post(AuthRoutes.Refresh)]
    Task<TokenResponse> RefreshAsync([Body] RefreshRequest request, CancellationToken ct = default);

    [Get(AuthRoutes.Me)]
    Task<MeResponse> GetMeAsync(CancellationToken ct = default);
}
