using Microsoft.AspNetCore.Identity;
using Purl.Core.Analytics;
using Purl.Core.Catalog;
using Purl.Core.Checkout;
using Purl.Core.Feed;
using Purl.Core.Identity;
using Purl.Core.Payments;
using Purl.Core.Social;

namespace Purl.Core.DemoData;

/// <summary>
/// The whole demo marketplace built in memory from one <see cref="Random"/> seed, ready to be copied into Postgres.
/// Counts that the app keeps (followers, likes, sold units) are derived from the generated facts, so they agree.
/// </summary>
internal sealed partial class DemoWorld
{
    private const string EmailDomain = "demo.purl.test";

    private readonly DemoDataOptions _options;
    private readonly Random _random;
    private readonly DateTimeOffset _now;
    private readonly string _passwordHash;

    private readonly int _vendorCount;
    private readonly int _productCount;
    private readonly int _buyerCount;
    private readonly int _longTailBuyers;
    private readonly int _hotFollowers;

    private readonly List<PurlUser> _buyers = [];
    private readonly List<double> _popularity = [];
    private readonly Dictionary<Guid, int> _vendorIndex = [];
    private readonly Dictionary<Guid, CategoryCatalog> _storeCatalog = [];
    private readonly Dictionary<Guid, List<Product>> _productsByVendor = [];
    private readonly Dictionary<Guid, List<Guid>> _followersByVendor = [];
    private readonly Dictionary<Guid, List<Guid>> _followingByBuyer = [];

    public List<PurlUser> Users { get; } = [];
    public List<IdentityUserRole<Guid>> UserRoles { get; } = [];
    public List<Vendor> Vendors { get; } = [];
    public List<Product> Products { get; } = [];
    public List<ProductVariant> Variants { get; } = [];
    public List<Follow> Follows { get; } = [];
    public List<Post> Posts { get; } = [];
    public List<PostLike> PostLikes { get; } = [];
    public List<PostComment> PostComments { get; } = [];
    public List<Story> Stories { get; } = [];
    public List<FeedItem> FeedItems { get; } = [];
    public List<Order> Orders { get; } = [];
    public List<OrderItem> OrderItems { get; } = [];
    public List<Payment> Payments { get; } = [];
    public List<VendorDailyStat> DailyStats { get; } = [];

    public Vendor DemoVendor => Vendors[0];
    /// <summary>The most followed store (rank 1 of the long tail).</summary>
    public Vendor HotVendor => Vendors[Math.Min(1, Vendors.Count - 1)];

    private DemoWorld(DemoDataOptions options, DateTimeOffset now)
    {
        _options = options;
        _random = new Random(options.Seed);
        _now = now;
        // Hashing thousands of passwords with PBKDF2 would take minutes: every demo user shares one hash.
        _passwordHash = new PasswordHasher<PurlUser>().HashPassword(new PurlUser(), options.Password);

        var scale = options.Scale;
        _vendorCount = Math.Max(1, scale?.Vendors > 0 ? scale.Vendors : options.Vendors);
        _productCount = scale?.Products > 0 ? scale.Products : options.Products;
        _hotFollowers = scale?.FollowersOfOneVendor ?? 0;
        _longTailBuyers = Math.Max(1, scale?.Buyers > 0 ? scale.Buyers : options.Buyers);
        _buyerCount = Math.Max(_longTailBuyers, _hotFollowers);
    }

    public static DemoWorld Build(DemoDataOptions options, DateTimeOffset now)
    {
        var world = new DemoWorld(options, now);
        world.AddVendors();
        world.AddBuyers();
        world.AddProducts();
        world.AddFollows();
        world.AddPosts();
        world.AddStories();
        world.AddOrders();
        world.AddDailyStats();
        world.Summarise();
        return world;
    }

    private PurlUser AddUser(string email, DateTimeOffset createdAt, string? phone, string role)
    {
        var user = new PurlUser
        {
            Id = Guid.CreateVersion7(createdAt),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            PasswordHash = _passwordHash,
            SecurityStamp = RandomHex(16),
            ConcurrencyStamp = RandomHex(16),
            PhoneNumber = phone,
            LockoutEnabled = true,
            CreatedAt = createdAt,
        };
        Users.Add(user);
        UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = PurlRoles.Seed.Single(r => r.Name == role).Id });
        return user;
    }

    private void AddBuyers()
    {
        for (var i = 0; i < _buyerCount; i++)
        {
            var first = Pick(DemoNames.FirstNames);
            var last = Pick(DemoNames.LastNames);
            var email = i == 0 ? _options.BuyerEmail : $"{first}.{last}.{i}@{EmailDomain}".ToLowerInvariant();
            var phone = _random.Next(3) == 0 ? null : $"+2547{_random.Next(10_000_000, 99_999_999):D8}";
            _buyers.Add(AddUser(email, Before(_now, days: 500), phone, PurlRoles.Buyer));
        }
    }

    // Helpers shared by the parts of the world.

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private int Between(int min, int max) => _random.Next(min, max + 1);

    /// <summary>A moment up to <paramref name="days"/> before <paramref name="end"/>.</summary>
    private DateTimeOffset Before(DateTimeOffset end, double days) => end - TimeSpan.FromDays(_random.NextDouble() * days);

    private DateTimeOffset Between(DateTimeOffset start, DateTimeOffset end) =>
        end <= start ? start : start + (end - start) * _random.NextDouble();

    private int PickWeighted(IReadOnlyList<double> weights, double total)
    {
        var roll = _random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0)
                return i;
        }
        return weights.Count - 1;
    }

    /// <summary><paramref name="count"/> distinct items of <paramref name="items"/>, in random order.</summary>
    private List<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        count = Math.Min(count, items.Count);
        var chosen = new HashSet<int>();
        if (count > items.Count / 2)
            return items.OrderBy(_ => _random.Next()).Take(count).ToList();
        while (chosen.Count < count)
            chosen.Add(_random.Next(items.Count));
        return chosen.Select(i => items[i]).ToList();
    }

    private string RandomHex(int bytes)
    {
        var buffer = new byte[bytes];
        _random.NextBytes(buffer);
        return Convert.ToHexString(buffer);
    }

    private static decimal Kes(double amount) => Math.Max(50m, Math.Round((decimal)amount / 50m) * 50m);
}
