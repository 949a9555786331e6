using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Purl.Api.Client;
using Purl.Api.Client.Checkout;
using Purl.Api.Client.Orders;
using Purl.Core.Catalog;
using Purl.Core.Data;
using Purl.Core.Identity;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.Checkout;

public sealed record Buyer(Guid Id, string Email, string? Phone, string Token);

/// <summary>
/// A shop to test checkout in: stores and products written straight to the class's database (the catalog API is
/// another feature's), buyers copied in bulk with tokens minted by the API's own token service (thousands of
/// PBKDF2 registrations would take minutes), and typed clients as those buyers.
/// </summary>
internal static class Shop
{
    public static async Task<Vendor> AddVendorAsync(this PurlApp app, string name = "Mama Njeri Styles", string? logoUrl = "https://cdn.purl.test/logos/njeri.png")
    {
        var owner = (await app.AddUsersAsync(1, PurlRoles.Vendor, withPhone: true))[0];
        var vendor = new Vendor { OwnerUserId = owner.Id, Name = name, Slug = $"{VendorStores.Slugify(name)}-{Guid.NewGuid():N}"[..40], LogoUrl = logoUrl, City = "Nairobi" };
        await using var db = app.CreateDbContext();
        db.Vendors.Add(vendor);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return vendor;
    }

    public static async Task<Product> AddProductAsync(this PurlApp app, Guid vendorId, decimal price, int stock, string name = "Kitenge shirt",
        params (string Name, decimal Price, int Stock)[] variants)
    {
        var product = new Product
        {
            VendorId = vendorId,
            CategoryId = BaseCategories.Fashion.Id,
            Name = name,
            Price = price,
            Stock = variants.Length > 0 ? variants.Sum(v => v.Stock) : stock,
            IsPublished = true,
        };
        foreach (var (variantName, variantPrice, variantStock) in variants)
            product.Variants.Add(new ProductVariant { Name = variantName, Price = variantPrice, Stock = variantStock });
        await using var db = app.CreateDbContext();
        db.Products.Add(product);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return product;
    }

    /// <summary><paramref name="count"/> users of one role, bulk-copied, each with an access token.</summary>
    public static async Task<IReadOnlyList<Buyer>> AddUsersAsync(this PurlApp app, int count, string role = PurlRoles.Buyer, bool withPhone = true)
    {
        var users = Enumerable.Range(0, count).Select(i =>
        {
            var email = $"{role}.{Guid.NewGuid():N}@example.co.ke";
            return new PurlUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString("N"),
                PhoneNumber = withPhone ? $"+2547{Random.Shared.Next(10_000_000, 99_999_999)}" : null,
                LockoutEnabled = true,
            };
        }).ToList();
        var roleId = await RoleIdAsync(app, role);
        await using (var db = app.CreateDbContext())
        await using (var connection = await app.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await EntityCopy.CopyAsync(connection, db.Model, users, TestContext.Current.CancellationToken);
            await EntityCopy.CopyAsync(connection, db.Model,
                users.Select(u => new IdentityUserRole<Guid> { UserId = u.Id, RoleId = roleId }).ToList(), TestContext.Current.CancellationToken);
        }
        var tokens = app.GetRequiredService<TokenService>();
        return users.Select(u => new Buyer(u.Id, u.Email!, u.PhoneNumber,
            tokens.CreateAccessToken(new Account(u.Id, u.Email, u.PhoneNumber, [role], null)).Token)).ToList();
    }

    private static async Task<Guid> RoleIdAsync(PurlApp app, string role)
    {
        await using var command = app.DataSource.CreateCommand("SELECT id FROM roles WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        return (Guid)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public static HttpClient ClientAs(this PurlApp app, Buyer buyer) => app.CreateClient().WithBearer(buyer.Token);

    public static ICartApi CartOf(this PurlApp app, Buyer buyer) => PurlApiClient.For<ICartApi>(app.ClientAs(buyer));

    public static IOrdersApi OrdersOf(this PurlApp app, Buyer buyer) => PurlApiClient.For<IOrdersApi>(app.ClientAs(buyer));

    /// <summary>One buyer with <paramref name="quantity"/> of the product in the cart, checked out: the order waiting for payment.</summary>
    public static async Task<(Buyer Buyer, PlacedOrder Order)> CheckedOutAsync(this PurlApp app, Product product, int quantity = 1, Buyer? buyer = null)
    {
        buyer ??= (await app.AddUsersAsync(1))[0];
        var cart = app.CartOf(buyer);
        await cart.AddItemAsync(new AddCartItemRequest(product.Id, null, quantity), TestContext.Current.CancellationToken);
        var checkout = await cart.CheckoutAsync(TestContext.Current.CancellationToken);
        return (buyer, checkout.Orders.Single());
    }

    /// <summary>Puts <paramref name="quantity"/> of the product in every buyer's cart in two statements (set-up for crowds, not what is tested).</summary>
    public static async Task FillCartsAsync(this PurlApp app, IReadOnlyList<Buyer> buyers, Guid productId, int quantity = 1)
    {
        var ids = buyers.Select(b => b.Id).ToArray();
        await app.ScalarAsync("""
            INSERT INTO carts (id, user_id, created_at, updated_at) SELECT gen_random_uuid(), u, now(), now() FROM unnest($1::uuid[]) u
            ON CONFLICT (user_id) DO NOTHING
            """, ids);
        await app.ScalarAsync("""
            INSERT INTO cart_items (id, cart_id, product_id, quantity, added_at)
            SELECT gen_random_uuid(), c.id, $2, $3, now() FROM carts c WHERE c.user_id = ANY($1)
            """, ids, productId, quantity);
    }

    /// <summary>An access token for the store's owner, with the <c>vendor_id</c> claim the vendor endpoints read.</summary>
    public static string VendorToken(this PurlApp app, Vendor vendor) =>
        app.GetRequiredService<TokenService>().CreateAccessToken(new Account(vendor.OwnerUserId, null, null, [PurlRoles.Vendor], vendor.Id)).Token;

    public static IVendorOrdersApi VendorOrdersOf(this PurlApp app, Vendor vendor) =>
        PurlApiClient.For<IVendorOrdersApi>(app.CreateClient().WithBearer(app.VendorToken(vendor)));

    /// <summary>Starts paying the order with a fresh key; the payment is pending at Pesapal afterwards.</summary>
    public static async Task<PaymentResponse> PayAsync(this PurlApp app, Buyer buyer, Guid orderId, string? key = null)
    {
        using var response = await app.OrdersOf(buyer).PayAsync(orderId, key ?? Guid.NewGuid().ToString(), new PayOrderRequest(), TestContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode) throw response.Error!;
        return response.Content!;
    }

    public static Task<string> TrackingIdAsync(this PurlApp app, Guid paymentId) => app.TextAsync("SELECT order_tracking_id FROM payments WHERE id = $1", paymentId);

    public static async Task<string> TextAsync(this PurlApp app, string sql, params object[] parameters)
    {
        await using var command = app.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public static Task<string> OrderStatusAsync(this PurlApp app, Guid orderId) => app.TextAsync("SELECT status FROM orders WHERE id = $1", orderId);
    public static Task<string> PaymentStatusAsync(this PurlApp app, Guid paymentId) => app.TextAsync("SELECT status FROM payments WHERE id = $1", paymentId);

    /// <summary>Waits until the order has <paramref name="status"/>; fails the test after 30 seconds.</summary>
    public static Task OrderBecomesAsync(this PurlApp app, Guid orderId, string status) =>
        Purl.Tests.Messaging.Eventually.HoldsAsync(async () => await app.OrderStatusAsync(orderId) == status,
            TimeSpan.FromSeconds(30), $"order {orderId} is {status}", TestContext.Current.CancellationToken);

    public static Task PaymentBecomesAsync(this PurlApp app, Guid paymentId, string status) =>
        Purl.Tests.Messaging.Eventually.HoldsAsync(async () => await app.PaymentStatusAsync(paymentId) == status,
            TimeSpan.FromSeconds(30), $"payment {paymentId} is {status}", TestContext.Current.CancellationToken);

    public static async Task<long> ScalarAsync(this PurlApp app, string sql, params object[] parameters)
    {
        await using var command = app.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) is { } value and not DBNull ? Convert.ToInt64(value) : 0;
    }

    public static Task<long> StockAsync(this PurlApp app, Guid productId) => app.ScalarAsync("SELECT stock FROM products WHERE id = $1", productId);
    public static Task<long> ReservedAsync(this PurlApp app, Guid productId) => app.ScalarAsync("SELECT reserved FROM products WHERE id = $1", productId);
    public static Task<long> SoldAsync(this PurlApp app, Guid productId) => app.ScalarAsync("SELECT sold_count FROM products WHERE id = $1", productId);

    /// <summary>How many events of <paramref name="type"/> the outbox holds whose payload mentions <paramref name="id"/>.</summary>
    public static Task<long> EventsAsync(this PurlApp app, string type, Guid id) =>
        app.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE type = $1 AND payload::text LIKE '%' || $2 || '%'", type, id.ToString());
}
