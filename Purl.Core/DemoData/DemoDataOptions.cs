namespace Purl.Core.DemoData;

/// <summary>What <see cref="DemoDataGenerator"/> makes. The defaults are a believable marketplace for a developer's machine.</summary>
public sealed record DemoDataOptions
{
    /// <summary>The one password of every demo user (the AppHost generates it into the ignored <c>.purl/</c> folder).</summary>
    public required string Password { get; init; }

    /// <summary>Seed of <see cref="System.Random"/>: the same seed gives the same names, prices and counts.</summary>
    public int Seed { get; init; } = 254;

    public int Vendors { get; init; } = 40;
    public int Products { get; init; } = 1_500;
    public int Buyers { get; init; } = 2_000;
    public int Orders { get; init; } = 3_000;

    /// <summary>The bench's large data sets; null for the everyday demo.</summary>
    public DemoScale? Scale { get; init; }

    public string VendorEmail { get; init; } = "vendor@demo.purl.test";
    public string BuyerEmail { get; init; } = "buyer@demo.purl.test";
}

/// <summary>
/// Sizes for the bench. <paramref name="Products"/> replaces the product count; <paramref name="FollowersOfOneVendor"/>
/// gives the most popular store exactly that many followers (adding buyers as needed). Zero keeps the default.
/// </summary>
public sealed record DemoScale(int Products = 0, int FollowersOfOneVendor = 0, int Vendors = 0, int Buyers = 0);

/// <param name="Skipped">True when the database already had stores, so nothing was written.</param>
/// <param name="HotVendorId">The store with the most followers: the bench's viral post comes from it.</param>
/// <param name="Rows">Rows written per table.</param>
public sealed record DemoSeedResult(
    bool Skipped,
    string VendorEmail,
    string BuyerEmail,
    Guid? VendorId,
    Guid? HotVendorId,
    IReadOnlyDictionary<string, long> Rows,
    TimeSpan Elapsed)
{
    /// <summary>Building the data set in memory.</summary>
    public TimeSpan Generating { get; init; }

    /// <summary>Copying it into Postgres, up to the commit.</summary>
    public TimeSpan Writing { get; init; }

    public long RowsWritten => Rows.Values.Sum();

    /// <summary>Write throughput: rows over <see cref="Writing"/>.</summary>
    public double RowsPerSecond => Writing > TimeSpan.Zero ? RowsWritten / Writing.TotalSeconds : 0;

    public override string ToString() => Skipped
        ? "Demo data already present; nothing written."
        : $"Demo data: {RowsWritten:N0} rows in {Elapsed.TotalSeconds:N1} s (generated in {Generating.TotalSeconds:N1} s, " +
          $"written at {RowsPerSecond:N0} rows/s): " +
          string.Join(", ", Rows.Where(r => r.Value > 0).Select(r => $"{r.Key} {r.Value:N0}"));
}
