namespace Purl.Emulators.Pesapal;

/// <summary>The "Pesapal" section of configuration. Defaults live in appsettings.json; tests shorten the times.</summary>
public sealed class PesapalOptions
{
    public const string Section = "Pesapal";

    /// <summary>The only consumer key and secret RequestToken accepts.</summary>
    public string ConsumerKey { get; set; } = "";
    public string ConsumerSecret { get; set; } = "";

    /// <summary>How long an issued token is accepted. Pesapal's are good for 5 minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Currencies SubmitOrderRequest accepts (ISO 4217).</summary>
    public string[] Currencies { get; set; } = [];

    /// <summary>Base of the redirect_url handed out (scheme://host[:port]); empty means the address the request came to.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Attempts per IPN before giving up, the first included.</summary>
    public int IpnMaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry of an unacknowledged IPN; it doubles with every further retry.</summary>
    public TimeSpan IpnRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one IPN attempt may take before it counts as failed.</summary>
    public TimeSpan IpnTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How late a "late" IPN is sent, unless the control call names its own delay.</summary>
    public TimeSpan IpnLateDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>IPN attempts in flight at once.</summary>
    public int IpnConcurrency { get; set; } = 32;
}
