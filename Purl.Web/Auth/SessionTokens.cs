using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Purl.Api.Client.Auth;
using Refit;
using StackExchange.Redis;

namespace Purl.Web.Auth;

/// <summary>
/// The API's tokens of one signed-in session, read from its ticket in Redis and refreshed there shortly before the access
/// token expires. The API rotates refresh tokens and treats a second use of one as theft (revoking the family), so one
/// refresh per session runs at a time across every Web instance and circuit: a Redis lock, and the others wait for
/// the ticket it writes.
/// </summary>
public sealed class SessionTokens(RedisTicketStore tickets, IDatabase redis, IAuthApi auth, TimeProvider clock, ILogger<SessionTokens> logger)
{
    private static readonly TimeSpan LockTime = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(100);
    private const string ReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    /// <summary>Puts a fresh token pair into the ticket's properties.</summary>
    public static void Store(AuthenticationProperties properties, TokenResponse tokens, DateTimeOffset now)
    {
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = WebClaims.AccessToken, Value = tokens.AccessToken },
            new AuthenticationToken { Name = WebClaims.RefreshToken, Value = tokens.RefreshToken },
            new AuthenticationToken { Name = WebClaims.ExpiresAt, Value = now.AddSeconds(tokens.ExpiresIn).ToString("O", CultureInfo.InvariantCulture) },
            new AuthenticationToken { Name = WebClaims.Lifetime, Value = tokens.ExpiresIn.ToString(CultureInfo.InvariantCulture) },
        ]);
    }

    /// <summary>A live access token for the session, refreshed first when it is about to expire.</summary>
    /// <exception cref="SessionExpiredException">The ticket is gone or the API no longer takes the refresh token.</exception>
    public async Task<string> GetAccessTokenAsync(string session, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + LockTime + LockTime;
        while (clock.GetUtcNow() < deadline)
        {
            if (await ReadFreshAsync(session, ct) is { } fresh) return fresh;

            var lockKey = $"web:refresh:{session}";
            var owner = Guid.NewGuid().ToString("N");
            if (await redis.StringSetAsync(lockKey, owner, LockTime, When.NotExists))
            {
                try
                {
                    return await RefreshAsync(session, ct);
                }
                finally
                {
                    await redis.ScriptEvaluateAsync(ReleaseScript, [lockKey], [owner]);
                }
            }
            await Task.Delay(WaitStep, ct); // another circuit or instance is refreshing: use what it writes
        }
        throw new SessionExpiredException("Refreshing your session took too long. Sign in again.");
    }

    private async Task<string?> ReadFreshAsync(string session, CancellationToken ct)
    {
        var ticket = await tickets.RetrieveAsync(session, ct) ?? throw new SessionExpiredException();
        return IsFresh(ticket.Properties) ? ticket.Properties.GetTokenValue(WebClaims.AccessToken) : null;
    }

    private async Task<string> RefreshAsync(string session, CancellationToken ct)
    {
        // Read again under the lock: whoever held it before may have refreshed already.
        var ticket = await tickets.RetrieveAsync(session, ct) ?? throw new SessionExpiredException();
        if (IsFresh(ticket.Properties)) return ticket.Properties.GetTokenValue(WebClaims.AccessToken)!;

        var refreshToken = ticket.Properties.GetTokenValue(WebClaims.RefreshToken) ?? throw new SessionExpiredException();
        TokenResponse refreshed;
        try
        {
            refreshed = await auth.RefreshAsync(new RefreshRequest(refreshToken), ct);
        }
        catch (ApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden)
        {
            logger.LogInformation("The API refused to refresh session {Session}: {Status}", session, (int)e.StatusCode);
            await tickets.RemoveAsync(session, ct);
            throw new SessionExpiredException();
        }
        Store(ticket.Properties, refreshed, clock.GetUtcNow());
        await tickets.RenewAsync(session, ticket, ct);
        return refreshed.AccessToken;
    }

    /// <summary>Fresh while more than a quarter of its lifetime (at most a minute) is left, so a call never carries a token that expires in flight.</summary>
    private bool IsFresh(AuthenticationProperties properties)
    {
        if (!DateTimeOffset.TryParse(properties.GetTokenValue(WebClaims.ExpiresAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiresAt))
            return false;
        var lifetime = int.TryParse(properties.GetTokenValue(WebClaims.Lifetime), CultureInfo.InvariantCulture, out var seconds) ? seconds : 3600;
        var margin = TimeSpan.FromSeconds(Math.Min(60, lifetime / 4.0));
        return expiresAt - clock.GetUtcNow() > margin;
    }
}
