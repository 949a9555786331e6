using Purl.Core.Caching;
using Purl.Core.Catalog;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Workers.Jobs;

namespace Purl.Workers;

public static class Extensions
{
    public static void AddWorkerServices(this IHostApplicationBuilder builder)
    {
        builder.AddPurlDatabase();
        builder.AddRedisClient("redis");
        builder.AddRabbitMQClient("rabbitmq");
        builder.Services.AddMessaging(builder.Configuration).AddOutboxRelay().AddMessagingRetention();
        builder.AddPurlCaching();
        builder.AddCatalog();

        builder.Services.AddConsumer<ProductChanged, ProductCacheEviction>();
        builder.Services.AddConsumer<VendorChanged, StoreCacheEviction>();

        builder.Services.AddHostedService<MarketplaceViewsRefresher>();
    }
}
