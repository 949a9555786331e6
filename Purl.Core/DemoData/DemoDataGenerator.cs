using System.Diagnostics;
using Npgsql;
using Purl.Core.Data;
using Purl.Core.Social;

namespace Purl.Core.DemoData;

/// <summary>
/// Fills an empty database with a believable Kenyan marketplace: stores in five cities, products in KES with
/// English and Swahili tags, buyers following a long tail of stores, posts, live stories, orders and daily figures.
/// Everything goes in with binary COPY inside one transaction, so a failed run leaves nothing behind.
/// </summary>
public static class DemoDataGenerator
{
    /// <summary>Held for the transaction, so two processes seeding at once write one data set ("PurlDemo").</summary>
    private const long LockKey = 0x5075726C44656D6F;

    public static async Task<DemoSeedResult> SeedAsync(NpgsqlDataSource dataSource, DemoDataOptions options, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.Password))
            throw new ArgumentException("Demo users need a password.", nameof(options));
        var clock = Stopwatch.StartNew();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKey})", connection, transaction))
            await take.ExecuteNonQueryAsync(ct);
        await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM vendors)", connection, transaction))
        {
            if ((bool)(await any.ExecuteScalarAsync(ct))!)
                return new DemoSeedResult(true, options.VendorEmail, options.BuyerEmail, null, null, new Dictionary<string, long>(), clock.Elapsed);
        }

        var world = DemoWorld.Build(options, DateTimeOffset.UtcNow);
        var generated = clock.Elapsed;
        await using var db = DataExtensions.CreateContext(dataSource);
        var model = db.Model;
        var rows = new Dictionary<string, long>();
        async Task Copy<T>(string table, IReadOnlyCollection<T> items) where T : class =>
            rows[table] = await EntityCopy.CopyAsync(connection, model, items, ct);

        // Parents before children, as the foreign keys require.
        await Copy("users", world.Users);
        await Copy("user_roles", world.UserRoles);
        await Copy("vendors", world.Vendors);
        await Copy("products", world.Products);
        await Copy("product_variants", world.Variants);
        await Copy("follows", world.Follows);
        await Copy("posts", world.Posts);
        await Copy("post_likes", world.PostLikes);
        await Copy("post_comments", world.PostComments);
        await Copy("stories", world.Stories);
        await Copy("feed_items", world.FeedItems);
        await Copy("orders", world.Orders);
        await Copy("order_items", world.OrderItems);
        await Copy("payments", world.Payments);
        await Copy("vendor_daily_stats", world.DailyStats);
        await using (var cards = new NpgsqlCommand(TaggedProducts.RefreshAllSql, connection, transaction))
            await cards.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        var writing = clock.Elapsed - generated;

        // Fresh statistics, so the first queries after a bulk load get good plans.
        await using (var analyze = new NpgsqlCommand($"ANALYZE {string.Join(", ", rows.Keys)}", connection))
            await analyze.ExecuteNonQueryAsync(ct);

        return new DemoSeedResult(false, options.VendorEmail, options.BuyerEmail, world.DemoVendor.Id, world.HotVendor.Id, rows, clock.Elapsed)
        {
            Generating = generated,
            Writing = writing,
        };
    }
}
