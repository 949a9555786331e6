using Purl.Core.Data;

namespace Purl.Workers;

public static class Extensions
{
    public static void AddWorkerServices(this IHostApplicationBuilder builder)
    {
        builder.AddPurlDatabase();
        builder.AddRedisClient("redis");
        builder.AddRabbitMQClient("rabbitmq");
    }
}
