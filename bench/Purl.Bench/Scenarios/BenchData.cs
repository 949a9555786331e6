namespace Purl.Bench;

/// <summary>What the social scenarios look up in the stack's database before their timed part.</summary>
public static class BenchData
{
    public const string HowToSeed =
        "start an empty stack with the bench data set and a fan-out threshold above it: " +
        "rm -rf .purl && DemoData__FollowersOfOneVendor=200000 Feed__FanOutFollowerThreshold=1000000 dotnet run -c Release --project Purl.AppHost";

    /// <summary>The demo store's owner (DemoDataOptions.VendorEmail): it publishes the likes scenario's posts.</summary>
    public const string DemoVendorEmail = "vendor@demo.purl.test";

    public sealed record Store(Guid Id, string OwnerEmail, long Followers);

    public static async Task<Store> BiggestStoreAsync(StackDatabase db, CancellationToken ct)
    {
        await using var command = db.Command("""
            SELECT v.id, u.email, (SELECT count(*) FROM follows f WHERE f.vendor_id = v.id)
            FROM vendors v JOIN users u ON u.id = v.owner_user_id
            WHERE v.is_active
            ORDER BY v.follower_count DESC
            LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new BenchException($"the stack has no stores: {HowToSeed}");
        return new Store(reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2));
    }

    /// <summary>The first <paramref name="count"/> buyers by email (the same ones every run, so cached tokens serve again).</summary>
    public static Task<List<string>> BuyerEmailsAsync(StackDatabase db, int count, bool withFeed, CancellationToken ct) =>
        db.ColumnAsync<string>($"""
            SELECT u.email FROM users u
            JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id AND r.name = 'buyer'
            {(withFeed ? "WHERE EXISTS (SELECT 1 FROM feed_items fi WHERE fi.user_id = u.id)" : "")}
            ORDER BY u.email
            LIMIT $1
            """, ct, count);
}
