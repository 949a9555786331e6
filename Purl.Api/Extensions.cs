using Purl.Api.Apis;
using Purl.Core.Data;
using Purl.Core.Identity;
using Purl.Core.Messaging;
using Scalar.AspNetCore;

namespace Purl.Api;

public static class Extensions
{
    public static void AddApiServices(this IHostApplicationBuilder builder)
    {
        builder.AddPurlDatabase();
        builder.AddPurlIdentity();
        builder.AddRedisClient("redis");
        builder.AddRabbitMQClient("rabbitmq");
        builder.Services.AddMessaging(builder.Configuration).AddOutboxRelay();

        builder.Services.AddOpenApi();
        builder.Services.AddResponseCompression(o => o.EnableForHttps = true);
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
    }

    public static void MapApi(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapScalarApiReference();

        app.MapAuthApi();
    }
}
