using Microsoft.EntityFrameworkCore;
using Npgsql;
using Purl.Api.Client.Auth;
using Purl.Core.Catalog;
using Purl.Core.DemoData;
using Purl.Tests.Auth;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.DemoData;

public sealed class DemoDataTests(PurlApp app) : IClassFixture<PurlApp>
{
    private const string Password = "Demo-pass-2024";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_marketplace_is_seeded_once_and_a_second_run_adds_nothing()
    {
        await using var dataSource = await FreshDatabaseAsync("demo_once");
        var first = await DemoDataGenerator.SeedAsync(dataSource, new DemoDataOptions { Password = Password }, Ct);
        var counts = await CountsAsync(dataSource);

        var second = await DemoDataGenerator.SeedAsync(dataSource, new DemoDataOptions { Password = Password }, Ct);

        TestContext.Current.TestOutputHelper?.WriteLine(first.ToString());
        Assert.False(first.Skipped);
        Assert.True(second.Skipped);
        Assert.Equal(0, second.RowsWritten);
        Assert.Equal(counts, await CountsAsync(dataSource));
        Assert.Equal(40, counts["vendors"]);
        Assert.Equal(1_500, counts["products"]);
        Assert.Equal(2_040, counts["users"]);
        Assert.Equal(first.Rows["follows"], counts["follows"]);
    }

    [Fact]
    public async Task The_demo_marketplace_looks_like_kenya_and_its_counters_match_its_rows()
    {
        await DemoDataGenerator.SeedAsync(app.DataSource, new DemoDataOptions { Password = Password }, Ct);
        await using var db = app.CreateDbContext();

        var cities = await db.Vendors.Select(v => v.City!).Distinct().ToListAsync(Ct);
        Assert.Equal(["Eldoret", "Kisumu", "Mombasa", "Nairobi", "Nakuru"], cities.Order());
        Assert.True(await db.Vendors.AllAsync(v => v.Latitude > -4.5 && v.Latitude < 1 && v.Longitude > 34 && v.Longitude < 40.5, Ct));
        Assert.True(await db.Vendors.CountAsync(v => v.IsVerified, Ct) is > 5 and < 40);
        Assert.True(await db.Products.AllAsync(p => p.Price > 0 && p.Currency == "KES", Ct));
        Assert.True(await db.Products.AnyAsync(p => p.Tags.Contains("viatu"), Ct));
        Assert.True(await db.Products.AnyAsync(p => p.Tags.Contains("nguo"), Ct));
        Assert.True(await db.ProductVariants.AnyAsync(Ct));
        var now = DateTimeOffset.UtcNow;
        Assert.True(await db.Stories.AnyAsync(Ct));
        Assert.True(await db.Stories.AllAsync(s => s.ExpiresAt > now && s.ExpiresAt <= now.AddHours(24), Ct));

        // Counters agree with the facts they count.
        var followerCounts = await db.Follows.GroupBy(f => f.VendorId).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, Ct);
        foreach (var vendor in await db.Vendors.ToListAsync(Ct))
            Assert.Equal(followerCounts.GetValueOrDefault(vendor.Id), vendor.FollowerCount);
        Assert.True(await db.Posts.AllAsync(p => p.LikeCount == db.PostLikes.Count(l => l.PostId == p.Id), Ct));

        // A long tail: the most followed store has far more followers than the median one.
        var ordered = followerCounts.Values.Order().ToList();
        Assert.True(ordered[^1] > 5 * ordered[ordered.Count / 2]);
    }

    [Fact]
    public async Task The_demo_vendor_and_buyer_can_sign_in_with_the_demo_password()
    {
        var seeded = await DemoDataGenerator.SeedAsync(app.DataSource, new DemoDataOptions { Password = Password }, Ct);
        await using var db = app.CreateDbContext();
        var vendorId = await db.Vendors.Where(v => v.Slug == "mama-njeri-fashions").Select(v => v.Id).SingleAsync(Ct);

        var vendor = await app.Auth().LoginAsync(new LoginRequest(seeded.VendorEmail, Password), Ct);
        var buyer = await app.Auth().LoginAsync(new LoginRequest(seeded.BuyerEmail, Password), Ct);

        var vendorMe = await app.AuthAs(vendor.AccessToken).GetMeAsync(Ct);
        Assert.Equal(vendorId, vendorMe.VendorId);
        Assert.Equal(["vendor"], vendorMe.Roles);
        var buyerMe = await app.AuthAs(buyer.AccessToken).GetMeAsync(Ct);
        Assert.Equal(["buyer"], buyerMe.Roles);
        Assert.True(await db.Follows.AnyAsync(f => f.UserId == buyerMe.Id && f.VendorId == vendorId, Ct));
    }

    [Fact]
    public async Task The_scaled_generator_writes_the_requested_products_and_followers()
    {
        await using var dataSource = await FreshDatabaseAsync("demo_scale");
        var options = new DemoDataOptions { Password = Password, Scale = new DemoScale(Products: 5_000, FollowersOfOneVendor: 10_000) };

        var result = await DemoDataGenerator.SeedAsync(dataSource, options, Ct);

        TestContext.Current.TestOutputHelper?.WriteLine(result.ToString());
        Assert.False(result.Skipped);
        Assert.Equal(5_000, result.Rows["products"]);
        Assert.True(result.RowsPerSecond > 0);
        await using var db = Purl.Core.Data.DataExtensions.CreateContext(dataSource);
        Assert.Equal(5_000, await db.Products.CountAsync(Ct));
        Assert.Equal(10_000, await db.Follows.CountAsync(f => f.VendorId == result.HotVendorId, Ct));
        Assert.Equal(10_000, await db.Vendors.Where(v => v.Id == result.HotVendorId).Select(v => v.FollowerCount).SingleAsync(Ct));
        Assert.True(await db.Users.CountAsync(Ct) >= 10_000);
    }

    private async Task<NpgsqlDataSource> FreshDatabaseAsync(string name) =>
        NpgsqlDataSource.Create((await app.Stack.CreateIsolatedAsync(name, Ct)).Database);

    private static async Task<Dictionary<string, long>> CountsAsync(NpgsqlDataSource dataSource)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "users", "vendors", "products", "product_variants", "follows", "posts", "post_likes", "stories", "orders", "payments", "vendor_daily_stats" })
        {
            await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
            counts[table] = (long)(await command.ExecuteScalarAsync(Ct))!;
        }
        return counts;
    }
}
