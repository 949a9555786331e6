using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Purl.Core.Identity;

public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt, int ExpiresInSeconds);

/// <summary>Issues the short-lived JWT access tokens that Purl.Api's bearer authentication validates.</summary>
public sealed class TokenService(IOptions<AuthOptions> options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public AccessToken CreateAccessToken(Account account)
    {
        var auth = options.Value;
        var now = time.GetUtcNow();
        var expires = now + auth.AccessTokenLifetime;

        var claims = new List<Claim>
        {
            new(PurlClaims.Subject, account.Id.ToString()),
            new(JwtRegisteredClaimNames.Jti, Guid.CreateVersion7().ToString()),
        };
        if (account.Email is not null)
            claims.Add(new(PurlClaims.Email, account.Email));
        claims.AddRange(account.Roles.Select(role => new Claim(PurlClaims.Role, role)));
        if (account.VendorId is { } vendorId)
            claims.Add(new(PurlClaims.VendorId, vendorId.ToString()));

        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey(auth), SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, expires, (int)Math.Ceiling(auth.AccessTokenLifetime.TotalSeconds));
    }

    /// <summary>What a token must satisfy: our issuer, audience and key, and not a second past its expiry.</summary>
    public static TokenValidationParameters ValidationParameters(AuthOptions auth) => new()
    {
        ValidIssuer = AuthOptions.Issuer,
        ValidAudience = AuthOptions.Audience,
        IssuerSigningKey = SigningKey(auth),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.Zero,
        NameClaimType = PurlClaims.Subject,
        RoleClaimType = PurlClaims.Role,
    };

    private static SymmetricSecurityKey SigningKey(AuthOptions auth) => new(auth.SigningKeyBytes());
}
