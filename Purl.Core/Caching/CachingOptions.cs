namespace Purl.Core.Caching;

/// <summary>Settings under <c>Caching:</c>. <see cref="Enabled"/> false makes every read go to Postgres (the bench's comparison).</summary>
public sealed class CachingOptions
{
    public const string Section = "Caching";

    public bool Enabled { get; set; } = true;

    /// <summary>How long an entry lives in Redis (L2), and in memory (L1) unless <see cref="LocalExpiration"/> is shorter.</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan LocalExpiration { get; set; } = TimeSpan.FromMinutes(5);
}
