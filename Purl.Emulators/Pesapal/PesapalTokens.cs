using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Purl.Emulators.Pesapal;

public sealed record IssuedToken(string Token, DateTime IssuedAt, DateTime ExpiresAt);

public enum TokenCheck { Valid, Missing, Unknown, Expired }

/// <summary>Bearer tokens RequestToken issued. They really expire: an expired one is refused like an unknown one.</summary>
public sealed class PesapalTokens(IOptions<PesapalOptions> options, TimeProvider clock)
{
    /// <summary>Expired tokens are kept this long (so the control API can show them), then forgotten.</summary>
    private static readonly TimeSpan KeepExpired = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private long _issued;

    public bool CredentialsMatch(string? key, string? secret) =>
        FixedTimeEquals(key, options.Value.ConsumerKey) & FixedTimeEquals(secret, options.Value.ConsumerSecret);

    public IssuedToken Issue()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new IssuedToken(Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), now, now + options.Value.TokenLifetime);
        _tokens[token.Token] = token;
        if (Interlocked.Increment(ref _issued) % 1000 == 0) ForgetLongExpired(now);
        return token;
    }

    public TokenCheck Check(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return TokenCheck.Missing;
        var value = authorization[scheme.Length..].Trim();
        if (value.Length == 0) return TokenCheck.Missing;
        if (!_tokens.TryGetValue(value, out var token)) return TokenCheck.Unknown;
        return clock.GetUtcNow().UtcDateTime < token.ExpiresAt ? TokenCheck.Valid : TokenCheck.Expired;
    }

    public IReadOnlyList<IssuedToken> List() => [.. _tokens.Values.OrderByDescending(t => t.IssuedAt)];

    public void Clear() => _tokens.Clear();

    private void ForgetLongExpired(DateTime now)
    {
        foreach (var (key, token) in _tokens)
            if (token.ExpiresAt + KeepExpired < now) _tokens.TryRemove(key, out _);
    }

    private static bool FixedTimeEquals(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected));
}
