using Microsoft.AspNetCore.Identity;
using Npgsql;
using Purl.Core.Analytics;
using Purl.Core.Catalog;
using Purl.Core.Checkout;
using Purl.Core.Data;
using Purl.Core.Identity;

namespace Purl.Bench.Dashboard;

/// <summary>
/// The dashboard bench's 10,000 stores in the stack's own database, written once by binary COPY and kept for later
/// runs: each with an owner who can log in, three products, orders over the last 60 days, and the daily rollups
/// those orders add up to (so the overview and the naive orders query must agree).
/// </summary>
public static class DashboardVendors
{
    public const string Password = "Bench-dashboard-1";
    public const string SlugPrefix = "bench-dash-";
    private const int OrdersPerVendor = 20;
    private const int ProductsPerVendor = 3;
    private const int StatsDays = 30;

    public static string Email(int i) => $"dash{i}@bench.purl.test";

    /// <summary>How many bench stores exist; writes them when there are none.</summary>
    public static async Task<(int Count, TimeSpan? Seeded)> EnsureAsync(NpgsqlDataSource dataSource, int count, CancellationToken ct)
    {
        var existing = await CountAsync(dataSource, ct);
        if (existing == count) return (count, null);
        if (existing != 0)
            throw new BenchException($"{existing} bench stores exist, {count} wanted: delete the slug '{SlugPrefix}%' stores or start from a fresh stack (rm -rf .purl)");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var roles = new Dictionary<string, Guid>();
        await using (var command = dataSource.CreateCommand("SELECT name, id FROM roles"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) roles[reader.GetString(0)] = reader.GetGuid(1);
        var world = Build(count, roles[PurlRoles.Vendor], roles[PurlRoles.Buyer], DateTimeOffset.UtcNow);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var db = DataExtensions.CreateContext(dataSource);
        await EntityCopy.CopyAsync(connection, db.Model, world.Users, ct);
        await EntityCopy.CopyAsync(connection, db.Model, world.Roles, ct);
        await EntityCopy.CopyAsync(connection, db.Model, world.Vendors, ct);
        await EntityCopy.CopyAsync(connection, db.Model, world.Products, ct);
        await EntityCopy.CopyAsync(connection, db.Model, world.Orders, ct);
        await EntityCopy.CopyAsync(connection, db.Model, world.Items, ct);
        await EntityCopy.CopyAsync(connection, db.Model, world.Stats, ct);
        await transaction.CommitAsync(ct);
        await using (var analyze = new NpgsqlCommand("ANALYZE users, user_roles, vendors, products, orders, order_items, vendor_daily_stats", connection))
            await analyze.ExecuteNonQueryAsync(ct);
        return (count, clock.Elapsed);
    }

    private static async Task<int> CountAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM vendors WHERE slug LIKE @prefix");
        command.Parameters.AddWithValue("prefix", SlugPrefix + "%");
        return (int)(long)(await command.ExecuteScalarAsync(ct))!;
    }

    private sealed record World(
        List<PurlUser> Users, List<IdentityUserRole<Guid>> Roles, List<Vendor> Vendors, List<Product> Products,
        List<Order> Orders, List<OrderItem> Items, List<VendorDailyStat> Stats);

    private static World Build(int count, Guid vendorRole, Guid buyerRole, DateTimeOffset now)
    {
        var random = new Random(6_18);
        var hash = new PasswordHasher<PurlUser>().HashPassword(new PurlUser(), Password); // one PBKDF2 hash for all
        var world = new World([], [], [], [], [], [], []);
        var buyer = User("dash-buyer@bench.purl.test", hash, now);
        world.Users.Add(buyer);
        world.Roles.Add(new IdentityUserRole<Guid> { UserId = buyer.Id, RoleId = buyerRole });
        var today = NairobiTime.Day(now);

        for (var i = 0; i < count; i++)
        {
            var owner = User(Email(i), hash, now.AddDays(-90));
            world.Users.Add(owner);
            world.Roles.Add(new IdentityUserRole<Guid> { UserId = owner.Id, RoleId = vendorRole });
            var vendor = new Vendor
            {
                OwnerUserId = owner.Id, Name = $"Bench Duka {i}", Slug = $"{SlugPrefix}{i}", City = "Nairobi",
                Latitude = -1.2864, Longitude = 36.8172, ProductCount = ProductsPerVendor, CreatedAt = now.AddDays(-90),
            };
            world.Vendors.Add(vendor);
            var category = BaseCategories.All[i % BaseCategories.All.Count];
            var shelf = Enumerable.Range(0, ProductsPerVendor).Select(p => new Product
            {
                VendorId = vendor.Id, CategoryId = category.Id, Name = $"Bench item {p + 1} of store {i}",
                Price = 250m * random.Next(1, 40), Stock = 1_000, IsPublished = true, ViewCount = random.Next(100, 5_000),
                CreatedAt = now.AddDays(-80), UpdatedAt = now.AddDays(-80),
            }).ToList();
            world.Products.AddRange(shelf);

            var stats = new Dictionary<DateOnly, VendorDailyStat>();
            for (var o = 0; o < OrdersPerVendor; o++)
            {
                var createdAt = now - TimeSpan.FromDays(random.NextDouble() * 60);
                var status = random.Next(10) switch { 0 => OrderStatus.Cancelled, 1 => OrderStatus.PendingPayment, 2 or 3 => OrderStatus.Paid, _ => OrderStatus.Delivered };
                var order = new Order
                {
                    Id = Guid.CreateVersion7(createdAt), BuyerId = buyer.Id, VendorId = vendor.Id, VendorName = vendor.Name,
                    Status = status, CreatedAt = createdAt, UpdatedAt = createdAt,
                };
                var product = shelf[random.Next(shelf.Count)];
                var item = new OrderItem
                {
                    Id = Guid.CreateVersion7(createdAt), OrderId = order.Id, ProductId = product.Id, ProductName = product.Name,
                    UnitPrice = product.Price, Quantity = random.Next(1, 3),
                };
                order.Total = item.UnitPrice * item.Quantity;
                world.Orders.Add(order);
                world.Items.Add(item);
                if (!NaiveOverview.Counts(status)) continue;
                product.SoldCount += item.Quantity;
                var day = NairobiTime.Day(createdAt);
                if (day <= today.AddDays(-StatsDays * 2)) continue;
                if (!stats.TryGetValue(day, out var stat))
                    stats[day] = stat = new VendorDailyStat { VendorId = vendor.Id, Day = day, Views = random.Next(20, 400), Likes = random.Next(0, 30) };
                stat.Orders++;
                stat.Revenue += order.Total;
            }
            world.Stats.AddRange(stats.Values);
        }
        return world;
    }

    private static PurlUser User(string email, string hash, DateTimeOffset createdAt) => new()
    {
        Id = Guid.CreateVersion7(createdAt),
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        PasswordHash = hash,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString("N"),
        LockoutEnabled = true,
        CreatedAt = createdAt,
    };
}
