using System.Net;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Auth;

/// <summary>The API of this class issues access tokens that live eight seconds.</summary>
public sealed class ShortLivedTokensApp(PurlStack stack) : PurlApp(stack)
{
    // Long enough that a loaded CI machine still uses the token before it expires, short enough to wait out.
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(8);

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Auth:AccessTokenLifetime"] = Lifetime.ToString();
}

public sealed class TokenExpiryTests(ShortLivedTokensApp app) : IClassFixture<ShortLivedTokensApp>
{
    [Fact]
    public async Task An_access_token_is_refused_once_its_lifetime_has_passed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await app.RegisterAndLoginAsync();
        Assert.Equal(8, tokens.ExpiresIn);
        var me = app.AuthAs(tokens.AccessToken);
        await me.GetMeAsync(ct);

        await Task.Delay(ShortLivedTokensApp.Lifetime + TimeSpan.FromSeconds(1.5), ct);

        var expired = await Assert.ThrowsAnyAsync<ApiException>(() => me.GetMeAsync(ct));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        var refreshed = await app.Auth().RefreshAsync(new(tokens.RefreshToken), ct);
        await app.AuthAs(refreshed.AccessToken).GetMeAsync(ct);
    }
}
