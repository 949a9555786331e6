using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;
using Purl.Core.Catalog;
using Purl.Core.Checkout;
using Purl.Core.Data;
using Purl.Core.Identity;
using Purl.Core.Payments;

namespace Purl.Bench.Checkout;

public sealed record BenchBuyer(Guid Id, string Token);

/// <summary>
/// Data for the checkout scenarios, written straight into the stack's database with COPY (set-up is not what is
/// measured): a store, products, thousands of buyers with access tokens signed with the stack's key, carts, and
/// orders waiting for payment. Everything made is tagged with one run id and removed by <see cref="CleanUpAsync"/>.
/// </summary>
public sealed class CheckoutBenchData : IAsyncDisposable
{
    private readonly ScenarioContext _context;
    private readonly TokenService _tokens;
    private readonly List<Guid> _users = [];
    private readonly List<Guid> _products = [];

    private CheckoutBenchData(ScenarioContext context, NpgsqlDataSource dataSource, TokenService tokens)
    {
        _context = context;
        DataSource = dataSource;
        _tokens = tokens;
    }

    public NpgsqlDataSource DataSource { get; }
    public Vendor Vendor { get; private set; } = null!;

    public static async Task<CheckoutBenchData> CreateAsync(ScenarioContext context)
    {
        var secrets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(context.RepoRoot, ".purl", "secrets.json"))).RootElement;
        var key = secrets.GetProperty("SigningKey").GetString() ?? throw new BenchException(".purl/secrets.json has no SigningKey");
        var tokens = new TokenService(Options.Create(new AuthOptions { SigningKey = key, AccessTokenLifetime = TimeSpan.FromHours(2) }), TimeProvider.System);
        var data = new CheckoutBenchData(context, NpgsqlDataSource.Create(StackDatabase.ConnectionString(context)), tokens);
        var owner = (await data.AddBuyersAsync(1, PurlRoles.Vendor))[0];
        data.Vendor = new Vendor { OwnerUserId = owner.Id, Name = "Bench Flash Deals", Slug = $"bench-flash-{Guid.NewGuid():N}", City = "Nairobi" };
        await data.CopyAsync([data.Vendor]);
        return data;
    }

    public static string PesapalSecret(ScenarioContext context, string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(context.RepoRoot, ".purl", "secrets.json"))).RootElement.GetProperty(name).GetString()!;

    public async Task<Product> AddProductAsync(string name, int stock, decimal price = 1_499m)
    {
        var product = new Product
        {
            VendorId = Vendor.Id, CategoryId = BaseCategories.Phones.Id, Name = name, Price = price, Stock = stock, IsPublished = true,
        };
        await CopyAsync([product]);
        _products.Add(product.Id);
        return product;
    }

    /// <summary><paramref name="count"/> users copied in one go, each with an access token (no PBKDF2 per user).</summary>
    public async Task<IReadOnlyList<BenchBuyer>> AddBuyersAsync(int count, string role = PurlRoles.Buyer)
    {
        var users = Enumerable.Range(0, count).Select(_ =>
        {
            var email = $"bench.{Guid.NewGuid():N}@bench.purl.test";
            return new PurlUser
            {
                Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString("N"), PhoneNumber = $"+2547{Random.Shared.Next(10_000_000, 99_999_999)}",
            };
        }).ToList();
        await using (var command = DataSource.CreateCommand("SELECT id FROM roles WHERE name = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = role });
            var roleId = (Guid)(await command.ExecuteScalarAsync(_context.CancellationToken))!;
            await CopyAsync(users);
            await CopyAsync(users.Select(u => new IdentityUserRole<Guid> { UserId = u.Id, RoleId = roleId }).ToList());
        }
        _users.AddRange(users.Select(u => u.Id));
        return users.Select(u => new BenchBuyer(u.Id, _tokens.CreateAccessToken(new Account(u.Id, u.Email, u.PhoneNumber, [role], null)).Token)).ToList();
    }

    /// <summary>One unit of the product in every buyer's cart.</summary>
    public async Task FillCartsAsync(IReadOnlyList<BenchBuyer> buyers, Guid productId)
    {
        var carts = buyers.Select(b => new Cart { UserId = b.Id }).ToList();
        await CopyAsync(carts);
        await CopyAsync(carts.Select(c => new CartItem { CartId = c.Id, ProductId = productId, Quantity = 1 }).ToList());
    }

    /// <summary>An order waiting for payment per buyer, one unit of the product held for 15 minutes, as checkout leaves it.</summary>
    public async Task<IReadOnlyList<Order>> AddPendingOrdersAsync(IReadOnlyList<BenchBuyer> buyers, Product product)
    {
        var now = DateTimeOffset.UtcNow;
        var orders = buyers.Select(b => new Order
        {
            BuyerId = b.Id, VendorId = Vendor.Id, VendorName = Vendor.Name, Total = product.Price, CreatedAt = now, UpdatedAt = now,
        }).ToList();
        await CopyAsync(orders);
        await CopyAsync(orders.Select(o => new OrderItem { OrderId = o.Id, ProductId = product.Id, ProductName = product.Name, UnitPrice = product.Price, Quantity = 1 }).ToList());
        await CopyAsync(orders.Select(o => new Reservation
        {
            ProductId = product.Id, Quantity = 1, UserId = o.BuyerId, OrderId = o.Id, CreatedAt = now, ExpiresAt = now + Reservation.Lifetime,
        }).ToList());
        await ExecuteAsync("UPDATE products SET reserved = reserved + $2 WHERE id = $1", product.Id, orders.Count);
        return orders;
    }

    public async Task CopyAsync<T>(IReadOnlyCollection<T> rows) where T : class
    {
        await using var db = DataExtensions.CreateContext(DataSource);
        await using var connection = await DataSource.OpenConnectionAsync(_context.CancellationToken);
        await EntityCopy.CopyAsync(connection, db.Model, rows, _context.CancellationToken);
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteScalarAsync(_context.CancellationToken) is { } value and not DBNull ? Convert.ToInt64(value) : 0;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 300;
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await command.ExecuteNonQueryAsync(_context.CancellationToken);
    }

    /// <summary>Removes what this run made (its orders, payments, carts, buyers, products and store), so runs do not pile up.</summary>
    public async Task CleanUpAsync()
    {
        var clock = Stopwatch.StartNew();
        var users = _users.ToArray();
        var products = _products.ToArray();
        foreach (var sql in new[]
        {
            "DELETE FROM payments WHERE buyer_id = ANY($1)",
            "DELETE FROM reservations WHERE user_id = ANY($1)",
            "DELETE FROM orders WHERE buyer_id = ANY($1)",
            "DELETE FROM carts WHERE user_id = ANY($1)",
        })
            await ExecuteAsync(sql, users);
        await ExecuteAsync("DELETE FROM products WHERE id = ANY($1)", products);
        await ExecuteAsync("DELETE FROM vendors WHERE id = $1", Vendor.Id);
        await ExecuteAsync("DELETE FROM user_roles WHERE user_id = ANY($1)", users);
        await ExecuteAsync("DELETE FROM users WHERE id = ANY($1)", users);
        Console.WriteLine($"  cleaned up the run's rows in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
