using Purl.Api.Client;
using Purl.Api.Client.Auth;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.Auth;

/// <summary>Shortcuts for auth tests: a typed client, fresh emails, a password the rules accept.</summary>
internal static class AuthClient
{
    public const string Password = "Sokoni2024";

    public static IAuthApi Auth(this PurlApp app) => PurlApiClient.For<IAuthApi>(app.CreateClient());

    public static IAuthApi AuthAs(this PurlApp app, string accessToken) =>
        PurlApiClient.For<IAuthApi>(app.CreateClient().WithBearer(accessToken));

    public static string NewEmail(string who = "user") => $"{who}.{Guid.NewGuid():N}@example.co.ke";

    public static async Task<(MeResponse Me, TokenResponse Tokens)> RegisterAndLoginAsync(
        this PurlApp app, string role = "buyer", string? storeName = null)
    {
        var auth = app.Auth();
        var email = NewEmail(role);
        var me = await auth.RegisterAsync(new RegisterRequest(email, Password, role, storeName), TestContext.Current.CancellationToken);
        var tokens = await auth.LoginAsync(new LoginRequest(email, Password), TestContext.Current.CancellationToken);
        return (me, tokens);
    }
}
