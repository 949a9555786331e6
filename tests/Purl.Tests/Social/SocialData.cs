using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Purl.Api.Client;
using Purl.Api.Client.Feed;
using Purl.Api.Client.Social;
using Purl.Core.Catalog;
using Purl.Core.Counters;
using Purl.Core.Identity;
using Purl.Core.Social;
using Purl.Tests.Infrastructure;
using StackExchange.Redis;

namespace Purl.Tests.Social;

/// <summary>A user made for a test, with an access token minted by the app's own token service.</summary>
public sealed record TestUser(Guid Id, string Email, string Token, Guid? VendorId = null);

/// <summary>
/// Test data for the social and feed tests, written straight to the class's database (registration's password hashing
/// would make hundreds of followers slow; registration itself is tested in Auth), and typed clients with their tokens.
/// </summary>
internal static class SocialData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TestUser> CreateBuyerAsync(this PurlApp app) => (await app.CreateBuyersAsync(1))[0];

    public static async Task<IReadOnlyList<TestUser>> CreateBuyersAsync(this PurlApp app, int count)
    {
        await using var db = app.CreateDbContext();
        var role = await db.Roles.SingleAsync(r => r.Name == PurlRoles.Buyer, Ct);
        var users = Enumerable.Range(0, count).Select(_ => NewUser("buyer")).ToList();
        db.Users.AddRange(users);
        db.UserRoles.AddRange(users.Select(u => new IdentityUserRole<Guid> { UserId = u.Id, RoleId = role.Id }));
        await db.SaveChangesAsync(Ct);
        var tokens = app.GetRequiredService<TokenService>();
        return users.Select(u => new TestUser(u.Id, u.Email!, tokens.CreateAccessToken(new Account(u.Id, u.Email, null, [PurlRoles.Buyer], null)).Token)).ToList();
    }

    /// <summary>A store and its owner; <paramref name="followers"/> buyers follow it (written directly, as facts).</summary>
    public static async Task<(TestUser Owner, IReadOnlyList<TestUser> Followers)> CreateVendorAsync(this PurlApp app, int followers = 0, string? name = null)
    {
        await using var db = app.CreateDbContext();
        var role = await db.Roles.SingleAsync(r => r.Name == PurlRoles.Vendor, Ct);
        var user = NewUser("vendor");
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
        var vendor = new Vendor
        {
            OwnerUserId = user.Id,
            Name = name ?? $"Duka {Guid.NewGuid():N}"[..20],
            Slug = $"duka-{Guid.NewGuid():N}",
            LogoUrl = "/media/logo.png",
        };
        db.Vendors.Add(vendor);
        await db.SaveChangesAsync(Ct);
        var token = app.GetRequiredService<TokenService>().CreateAccessToken(new Account(user.Id, user.Email, null, [PurlRoles.Vendor], vendor.Id)).Token;
        var owner = new TestUser(user.Id, user.Email!, token, vendor.Id);
        var fans = followers == 0 ? [] : await app.CreateBuyersAsync(followers);
        if (fans.Count > 0) await app.AddFollowsAsync(vendor.Id, fans);
        return (owner, fans);
    }

    /// <summary>Follow rows written directly, with the store's follower count set to match (as the aggregator would).</summary>
    public static async Task AddFollowsAsync(this PurlApp app, Guid vendorId, IEnumerable<TestUser> buyers)
    {
        await using var db = app.CreateDbContext();
        db.Follows.AddRange(buyers.Select(b => new Follow { UserId = b.Id, VendorId = vendorId }));
        await db.SaveChangesAsync(Ct);
        await db.Database.ExecuteSqlAsync($"UPDATE vendors SET follower_count = (SELECT count(*) FROM follows WHERE vendor_id = {vendorId}) WHERE id = {vendorId}", Ct);
    }

    public static async Task<Guid> CreateProductAsync(this PurlApp app, Guid vendorId, string name = "Kikoi wrap", decimal price = 1500m)
    {
        await using var db = app.CreateDbContext();
        var product = new Product { VendorId = vendorId, CategoryId = BaseCategories.Fashion.Id, Name = name, Price = price, Stock = 10, IsPublished = true };
        db.Products.Add(product);
        await db.SaveChangesAsync(Ct);
        return product.Id;
    }

    public static Task<PostResponse> PublishAsync(this PurlApp app, TestUser vendor, string caption = "Fresh stock today", bool premium = false,
        IReadOnlyList<Guid>? tagged = null) =>
        app.VendorApi(vendor).PublishPostAsync(new PostRequest(caption, ["https://cdn.example.co.ke/p/1.jpg"], tagged, premium), Ct);

    public static ISocialApi SocialApi(this PurlApp app, TestUser user) => PurlApiClient.For<ISocialApi>(app.CreateClient().WithBearer(user.Token));

    public static IVendorSocialApi VendorApi(this PurlApp app, TestUser user) => PurlApiClient.For<IVendorSocialApi>(app.CreateClient().WithBearer(user.Token));

    public static IFeedApi FeedApi(this PurlApp app, TestUser user) => PurlApiClient.For<IFeedApi>(app.CreateClient().WithBearer(user.Token));

    /// <summary>Folds everything pending into Postgres, as the aggregation worker does every few seconds.</summary>
    public static Task<long> FlushCountersAsync(this PurlApp app) =>
        ActivatorUtilities.CreateInstance<CounterFlusher>(app.Services, ActivatorUtilities.CreateInstance<CounterLog>(app.Services)).FlushAllAsync(Ct);

    /// <summary>What Redis's pending hash holds for each counter, whatever Postgres holds already.</summary>
    public static async Task<long[]> PendingInRedisAsync(this PurlApp app, params CounterKey[] keys)
    {
        var values = await app.GetRequiredService<IDatabase>().HashGetAsync("counters:pending", keys.Select(k => (RedisValue)k.ToString()).ToArray());
        return values.Select(v => v.IsNull ? 0 : (long)v).ToArray();
    }

    public static async Task<long> ScalarAsync(this PurlApp app, string sql, params object[] parameters)
    {
        await using var command = app.DataSource.CreateCommand(sql);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct));
    }

    public static async Task ExecuteAsync(this PurlApp app, string sql, params object[] parameters)
    {
        await using var command = app.DataSource.CreateCommand(sql);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static PurlUser NewUser(string who)
    {
        var email = $"{who}.{Guid.NewGuid():N}@example.co.ke";
        return new PurlUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
    }
}
