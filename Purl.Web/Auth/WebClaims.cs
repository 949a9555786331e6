namespace Purl.Web.Auth;

/// <summary>What the dashboard keeps in a vendor's server-side ticket besides the API's identity claims.</summary>
public static class WebClaims
{
    /// <summary>The session's id: the key of its ticket in Redis, and the only thing the cookie carries.</summary>
    public const string Session = "purl:session";
    public const string UserId = "sub";
    public const string Email = "email";
    public const string Role = "role";
    public const string VendorId = "vendor_id";

    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";

    /// <summary>When the access token expires (ISO-8601 UTC), and its lifetime in seconds.</summary>
    public const string ExpiresAt = "expires_at";
    public const string Lifetime = "expires_in";
}

/// <summary>The vendor's API session is over (refresh token spent, expired or revoked; ticket gone): sign in again.</summary>
public sealed class SessionExpiredException(string message = "Your session has ended. Sign in again.") : Exception(message);
