using Purl.Core.Checkout;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Core.Payments;

namespace Purl.Workers;

public static class Extensions
{
    public static void AddWorkerServices(this IHostApplicationBuilder builder)
    {
        builder.AddPurlDatabase();
        builder.AddRedisClient("redis");
        builder.AddRabbitMQClient("rabbitmq");
        builder.Services.AddMessaging(builder.Configuration).AddOutboxRelay().AddMessagingRetention();
        builder.AddCheckout();

        builder.Services.AddConsumer<PaymentIpnReceived, IpnProcessor>();
        builder.Services.AddConsumer<PaymentRefundRequested, RefundIssuer>();

        builder.Services.AddHostedService<ReservationExpiry>();
        builder.Services.AddHostedService<PaymentReconciliation>();
    }
}
