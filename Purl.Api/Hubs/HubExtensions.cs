using Purl.Core.Messaging;
using StackExchange.Redis;

namespace Purl.Api.Hubs;

public static class HubExtensions
{
    /// <summary>SignalR with the Redis backplane (under this host's key prefix) and the consumers that feed the vendor hub.</summary>
    public static void AddVendorHub(this IHostApplicationBuilder builder)
    {
        var prefix = builder.Configuration[RedisKeyPrefix.ConfigurationKey] ?? RedisKeyPrefix.Default;
        builder.Services.AddSignalR().AddStackExchangeRedis(builder.Configuration.GetConnectionString("redis")!, redis =>
        {
            redis.Configuration.ChannelPrefix = RedisChannel.Literal(prefix + "signalr:");
            redis.Configuration.AbortOnConnectFail = false;
        });
        builder.Services.AddConsumer<OrderPlaced, VendorDashboardPush>();
        builder.Services.AddConsumer<PaymentCompleted, VendorDashboardPush>();
        builder.Services.AddConsumer<OrderStatusChanged, VendorDashboardPush>();
    }
}
