namespace Purl.Emulators.Fcm;

/// <summary>The "Fcm" section of configuration: what the control API starts from, and goes back to on reset.</summary>
public sealed class FcmOptions
{
    public const string Section = "Fcm";

    /// <summary>The one bearer token refused with 401 THIRD_PARTY_AUTH_ERROR (empty: none). Any other non-empty bearer is accepted.</summary>
    public string RevokedBearerToken { get; set; } = "";

    /// <summary>Messages accepted per window; over it, 429 QUOTA_EXCEEDED until the window refills. 0: no quota.</summary>
    public int QuotaPerMinute { get; set; }

    /// <summary>The quota's window: a minute, as FCM's; tests shorten it.</summary>
    public TimeSpan QuotaWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Fraction (0–1) of sends answered 503 UNAVAILABLE.</summary>
    public double UnavailableFraction { get; set; }

    /// <summary>The Retry-After (seconds) sent with 503.</summary>
    public int RetryAfterSeconds { get; set; } = 10;
}
