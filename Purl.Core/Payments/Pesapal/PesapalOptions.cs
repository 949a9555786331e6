namespace Purl.Core.Payments.Pesapal;

/// <summary>The <c>Pesapal</c> configuration section: where Pesapal is, our credentials, and how patient to be with it.</summary>
public sealed class PesapalOptions
{
    public const string Section = "Pesapal";

    /// <summary>The merchant API's base, e.g. the sandbox's https://cybqa.pesapal.com/pesapalv3. The default is resolved by
    /// service discovery (<c>services__pesapal__http__0</c>, the emulator on a laptop).</summary>
    public string BaseUrl { get; set; } = "http://pesapal/pesapalv3";

    public string ConsumerKey { get; set; } = "";
    public string ConsumerSecret { get; set; } = "";

    /// <summary>Purl.Api's address as Pesapal and buyers' browsers reach it (IPN and callback URLs). Empty: the address the API listens on.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How Pesapal should call our IPN URL: <c>GET</c> or <c>POST</c> (both are accepted).</summary>
    public string IpnNotificationType { get; set; } = "POST";

    /// <summary>Sent as <c>username</c> with refund requests.</summary>
    public string RefundUsername { get; set; } = "purl";

    /// <summary>A token is renewed this long before it expires (or at 4/5 of its life, if that comes first).</summary>
    public TimeSpan TokenRenewBefore { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of idempotent calls only (token, status, IPN list), with exponential backoff and jitter.</summary>
    public int MaxRetries { get; set; } = 3;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The circuit opens when this share of calls fails within <see cref="SamplingDuration"/> (at least <see cref="MinimumThroughput"/> calls).</summary>
    public double FailureRatio { get; set; } = 0.5;
    public int MinimumThroughput { get; set; } = 10;
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How long an open circuit refuses calls before letting one through to test Pesapal again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
