using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Purl.Api.Client;
using Purl.Api.Client.Auth;
using Purl.Tests.Auth;
using Purl.Tests.Infrastructure;
using Purl.Web.Auth;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;
using System.Security.Claims;

namespace Purl.Tests.Web;

/// <summary>
/// The dashboard's server-side sessions against the real API and Redis: an access token about to expire is refreshed
/// once, however many circuits ask at the same moment (the API revokes a refresh token's family on a second use).
/// </summary>
public sealed class SessionTokenTests(PurlApp app) : IClassFixture<PurlApp>, IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(app.Resources.Redis);

    [Fact]
    public async Task Circuits_asking_at_once_share_one_refresh_and_the_session_stays_alive()
    {
        var (_, tokens) = await app.RegisterAndLoginAsync("vendor", "Refreshing Juices");
        var (store, session) = await StoreStaleTicketAsync(tokens);

        var fresh = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Tokens(store).GetAccessTokenAsync(session, Ct))));

        Assert.Single(fresh.Distinct());
        Assert.NotEqual(tokens.AccessToken, fresh[0]);
        var me = await app.AuthAs(fresh[0]).GetMeAsync(Ct);
        Assert.NotNull(me.VendorId);
        // The family is intact: the stored refresh token still works (a second use of the old one would have revoked it).
        var ticket = await store.RetrieveAsync(session, Ct);
        var refreshed = await app.Auth().RefreshAsync(new RefreshRequest(ticket!.Properties.GetTokenValue(WebClaims.RefreshToken)!), Ct);
        Assert.False(string.IsNullOrEmpty(refreshed.AccessToken));
    }

    [Fact]
    public async Task A_refresh_the_API_refuses_ends_the_session_and_drops_its_ticket()
    {
        var (_, tokens) = await app.RegisterAndLoginAsync("vendor", "Spent Tokens Ltd");
        await app.Auth().RefreshAsync(new RefreshRequest(tokens.RefreshToken), Ct); // spent: the ticket now holds a used token
        var (store, session) = await StoreStaleTicketAsync(tokens);

        await Assert.ThrowsAsync<SessionExpiredException>(() => Tokens(store).GetAccessTokenAsync(session, Ct));

        Assert.Null(await store.RetrieveAsync(session, Ct));
    }

    [Fact]
    public async Task A_fresh_token_is_used_as_it_is()
    {
        var (_, tokens) = await app.RegisterAndLoginAsync("vendor", "Fresh Bakes");
        var store = Store();
        var session = Guid.NewGuid().ToString("N");
        var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
        SessionTokens.Store(properties, tokens, DateTimeOffset.UtcNow);
        await store.StoreAsync(Ticket(session, properties));

        Assert.Equal(tokens.AccessToken, await Tokens(store).GetAccessTokenAsync(session, Ct));
    }

    private async Task<(RedisTicketStore Store, string Session)> StoreStaleTicketAsync(TokenResponse tokens)
    {
        var store = Store();
        var session = Guid.NewGuid().ToString("N");
        var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
        SessionTokens.Store(properties, tokens with { ExpiresIn = 30 }, DateTimeOffset.UtcNow.AddMinutes(-1)); // expired 30 s ago
        await store.StoreAsync(Ticket(session, properties));
        return (store, session);
    }

    private static AuthenticationTicket Ticket(string session, AuthenticationProperties properties) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(WebClaims.Session, session)], "test")), properties, "Cookies");

    private RedisTicketStore Store() => new(new RedisCache(Options.Create(new RedisCacheOptions
    {
        InstanceName = app.Resources.RedisKeyPrefix + "web:",
        ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(_redis),
    })), TimeProvider.System);

    private SessionTokens Tokens(RedisTicketStore store) => new(store, _redis.GetDatabase().WithKeyPrefix(app.Resources.RedisKeyPrefix),
        PurlApiClient.For<IAuthApi>(app.CreateClient()), TimeProvider.System, NullLogger<SessionTokens>.Instance);

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();
}
