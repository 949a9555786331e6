namespace Purl.Core.Payments;

/// <summary>The <c>Payments</c> configuration section: how patiently Purl waits for Pesapal to tell it what happened.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>A pending payment no IPN has settled is first looked up this long after it started (a lost IPN must not lose a sale).</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>After that, a still-pending (or still-refunding) payment is looked up again this often.</summary>
    public TimeSpan RecheckEvery { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the reconciliation job runs.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A payment still <c>initiating</c> after this long belongs to a request that died (its instance crashed): it is
    /// removed so the buyer can start again. Longer than the whole Pesapal call may take.
    /// </summary>
    public TimeSpan InitiatingTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How often expired reservations are released, and how many orders per batch.</summary>
    public TimeSpan ReservationSweepInterval { get; set; } = TimeSpan.FromMinutes(1);
    public int ReservationSweepBatch { get; set; } = 500;
}
