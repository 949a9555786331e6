using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Core.Search;

namespace Purl.Workers;

public static class Extensions
{
    public static void AddWorkerServices(this IHostApplicationBuilder builder)
    {
        builder.AddPurlDatabase();
        builder.AddRedisClient("redis");
        builder.AddRabbitMQClient("rabbitmq");
        builder.AddSearch();
        builder.Services.AddMessaging(builder.Configuration).AddOutboxRelay().AddMessagingRetention();

        builder.Services.AddConsumer<ProductChanged, SearchIndexer>();
        builder.Services.AddConsumer<VendorChanged, SearchIndexer>();
        builder.Services.AddSearchIndexJobs();
    }
}
