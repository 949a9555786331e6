namespace Purl.Api.Client.Auth;

/// <summary>The routes of the auth feature, shared by Purl.Api (mapping), this client and the tests.</summary>
public static class AuthRoutes
{
    public const string Register = "/auth/register";
    public const string Login = "/auth/login";
    public const string Refresh = "/auth/refresh";
    public const string Me = "/me";
}

/// <summary><c>role</c> is "buyer" or "vendor"; a vendor must give <c>storeName</c>. <c>phone</c> is E.164, e.g. +254712345678.</summary>
public sealed record RegisterRequest(string Email, string Password, string Role, string? StoreName = null, string? Phone = null);

public sealed record LoginRequest(string Email, string Password);

public sealed record RefreshRequest(string RefreshToken);

/// <summary><c>expiresIn</c> is the access token's lifetime in seconds.</summary>
public sealed record TokenResponse(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken);

/// <summary>The signed-in user. <c>vendorId</c> is null for a buyer; a vendor can also buy.</summary>
public sealed record MeResponse(Guid Id, string Email, string? Phone, IReadOnlyList<string> Roles, Guid? VendorId);
