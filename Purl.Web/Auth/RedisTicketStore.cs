using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Distributed;

namespace Purl.Web.Auth;

/// <summary>
/// Keeps sign-in tickets (the vendor's claims and the API's access and refresh tokens) in Redis, so the browser's cookie
/// holds only a session id and any Web instance can serve any vendor. The key is the ticket's <see cref="WebClaims.Session"/>
/// claim, so the circuit that holds the principal can find the tokens again.
/// </summary>
public sealed class RedisTicketStore(IDistributedCache cache, TimeProvider clock) : ITicketStore
{
    private static string Key(string session) => $"ticket:{session}";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var session = ticket.Principal.FindFirstValue(WebClaims.Session) ?? Guid.NewGuid().ToString("N");
        await RenewAsync(session, ticket);
        return session;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var options = new DistributedCacheEntryOptions();
        if (ticket.Properties.ExpiresUtc is { } expires) options.AbsoluteExpiration = expires;
        else options.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(12);
        if (options.AbsoluteExpiration <= clock.GetUtcNow()) return RemoveAsync(key, cancellationToken);
        return cache.SetAsync(Key(key), TicketSerializer.Default.Serialize(ticket), options, cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var bytes = await cache.GetAsync(Key(key), cancellationToken);
        return bytes is null ? null : TicketSerializer.Default.Deserialize(bytes);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => cache.RemoveAsync(Key(key), cancellationToken);
}

/// <summary>Hands the ticket store to the cookie handler (the store needs services the options cannot take directly).</summary>
internal sealed class TicketStoreSetup(RedisTicketStore store) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options) => options.SessionStore = store;
}
