namespace Purl.Core.Identity;

/// <summary>The roles every database has (seeded by the initial migration, fixed ids and stamps so the model never drifts).</summary>
public static class PurlRoles
{
    public const string Buyer = "buyer";
    public const string Vendor = "vendor";
    public const string Admin = "admin";

    /// <summary>Roles a person may pick when registering; admin is granted, never chosen.</summary>
    public static readonly IReadOnlyList<string> Registrable = [Buyer, Vendor];

    internal static IReadOnlyList<PurlRole> Seed { get; } =
    [
        New("0196a000-0000-7000-8000-0000000000b1", Buyer),
        New("0196a000-0000-7000-8000-0000000000b2", Vendor),
        New("0196a000-0000-7000-8000-0000000000b3", Admin),
    ];

    private static PurlRole New(string id, string name) => new(name)
    {
        Id = Guid.Parse(id),
        NormalizedName = name.ToUpperInvariant(),
        ConcurrencyStamp = id,
    };
}
