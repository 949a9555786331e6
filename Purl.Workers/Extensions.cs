using Purl.Core.Caching;
using Purl.Core.Catalog;
using Purl.Core.Checkout;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Core.Payments;
using Purl.Core.RateLimiting;
using Purl.Core.Search;
using Purl.Workers.Jobs;

namespace Purl.Workers;

public static class Extensions
{
    public static void AddWorkerServices(this IHostApplicationBuilder builder)
    {
        builder.AddPurlDatabase();
        builder.AddRedisClient("redis");
        builder.AddRabbitMQClient("rabbitmq");
        // Payments started by the workers (reconciliation, refunds) count against the same per-buyer limits.
        builder.Services.AddRateLimits(builder.Configuration);
        builder.AddSearch();
        builder.Services.AddMessaging(builder.Configuration).AddOutboxRelay().AddMessagingRetention();
        builder.AddPurlCaching();
        builder.Services.AddOptions<MarketplaceOptions>().BindConfiguration(MarketplaceOptions.Section);

        builder.Services.AddConsumer<ProductChanged, ProductCacheEviction>();
        builder.Services.AddConsumer<VendorChanged, StoreCacheEviction>();

        builder.Services.AddHostedService<MarketplaceViewsRefresher>();

        builder.Services.AddConsumer<ProductChanged, SearchIndexer>();
        builder.Services.AddConsumer<VendorChanged, SearchIndexer>();
        builder.Services.AddSearchIndexJobs();

        builder.AddCheckout();

        builder.Services.AddConsumer<PaymentIpnReceived, IpnProcessor>();
        builder.Services.AddConsumer<PaymentRefundRequested, RefundIssuer>();

        builder.Services.AddHostedService<ReservationExpiry>();
        builder.Services.AddHostedService<PaymentReconciliation>();
    }
}
