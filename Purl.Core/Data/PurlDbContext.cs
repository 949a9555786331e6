using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Purl.Core.Analytics;
using Purl.Core.Catalog;
using Purl.Core.Checkout;
using Purl.Core.Feed;
using Purl.Core.Identity;
using Purl.Core.Messaging;
using Purl.Core.Notifications;
using Purl.Core.Payments;
using Purl.Core.Social;

namespace Purl.Core.Data;

/// <summary>The one database of Purl (`purldb`). Each feature keeps its entity configurations next to its entities.</summary>
public sealed class PurlDbContext(DbContextOptions<PurlDbContext> options)
    : IdentityDbContext<PurlUser, PurlRole, Guid>(options)
{
    public DbSet<Vendor> Vendors => Set<Vendor>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductVariant> ProductVariants => Set<ProductVariant>();
    public DbSet<ProductImage> ProductImages => Set<ProductImage>();
    public DbSet<Follow> Follows => Set<Follow>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<PostLike> PostLikes => Set<PostLike>();
    public DbSet<PostComment> PostComments => Set<PostComment>();
    public DbSet<Story> Stories => Set<Story>();
    public DbSet<StoryView> StoryViews => Set<StoryView>();
    public DbSet<FeedItem> FeedItems => Set<FeedItem>();
    public DbSet<Cart> Carts => Set<Cart>();
    public DbSet<CartItem> CartItems => Set<CartItem>();
    public DbSet<Reservation> Reservations => Set<Reservation>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderItem> OrderItems => Set<OrderItem>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<IpnEvent> IpnEvents => Set<IpnEvent>();
    public DbSet<PesapalIpnRegistration> PesapalIpnRegistrations => Set<PesapalIpnRegistration>();
    public DbSet<DeviceToken> DeviceTokens => Set<DeviceToken>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<VendorDailyStat> VendorDailyStats => Set<VendorDailyStat>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Trigram indexes for typo-tolerant search come with the search feature; the extension is there from the start.
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(PurlDbContext).Assembly);
    }
}
