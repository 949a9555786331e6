using Microsoft.Extensions.Options;

namespace Purl.Core.Identity;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    /// <summary>Issuer and audience of Purl's access tokens: Purl issues them for itself.</summary>
    public const string Issuer = "purl";
    public const string Audience = "purl";
    public const int MinimumKeyBytes = 32;

    /// <summary>Base64 HMAC-SHA256 key, at least 32 bytes. The AppHost generates one; tests pass their own.</summary>
    public string? SigningKey { get; set; }
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public byte[] SigningKeyBytes() => Convert.FromBase64String(SigningKey!);
}

/// <summary>Stops start-up with a message that says what to set, instead of failing on the first request.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            failures.Add($"{AuthOptions.Section}:SigningKey is not set. Set {AuthOptions.Section}__SigningKey to a base64 key of at least " +
                $"{AuthOptions.MinimumKeyBytes} random bytes (e.g. `openssl rand -base64 32`); the AppHost generates one into .purl/.");
        }
        else
        {
            var bytes = new byte[options.SigningKey.Length];
            if (!Convert.TryFromBase64String(options.SigningKey, bytes, out var length))
                failures.Add($"{AuthOptions.Section}:SigningKey is not valid base64.");
            else if (length < AuthOptions.MinimumKeyBytes)
                failures.Add($"{AuthOptions.Section}:SigningKey has {length} bytes; HMAC-SHA256 needs at least {AuthOptions.MinimumKeyBytes}.");
        }
        if (options.AccessTokenLifetime <= TimeSpan.Zero)
            failures.Add($"{AuthOptions.Section}:AccessTokenLifetime must be positive.");
        if (options.RefreshTokenLifetime <= TimeSpan.Zero)
            failures.Add($"{AuthOptions.Section}:RefreshTokenLifetime must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
