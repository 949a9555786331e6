using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Core.Social;

namespace Purl.Workers;

public static class Extensions
{
    public static void AddWorkerServices(this IHostApplicationBuilder builder)
    {
        builder.AddPurlDatabase();
        builder.AddRedisClient("redis");
        builder.AddRabbitMQClient("rabbitmq");
        builder.Services.AddMessaging(builder.Configuration).AddOutboxRelay().AddMessagingRetention();

        // Feed fan-out (PostPublished), the hourly feed clean-up and the counter aggregation.
        builder.Services.AddFeedWorkers(builder.Configuration);
    }
}
