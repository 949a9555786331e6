using Purl.Api.Apis;
using Purl.Core.Data;
using Purl.Core.Identity;
using Microsoft.AspNetCore.HttpOverrides;
using Purl.Core.Messaging;
using Purl.Core.RateLimiting;
using Purl.Core.Social;
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

        builder.Services.AddRateLimits(builder.Configuration);
        builder.Services.AddSocial(builder.Configuration);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemResults.AddRetryAfterHeader);
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        builder.Services.AddOpenApi();
        builder.Services.AddResponseCompression(o => o.EnableForHttps = true);
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
    }

    public static void MapApi(this WebApplication app)
    {
        // Behind a proxy or CDN on loopback (the default trusted proxies), the client's address comes from X-Forwarded-For.
        app.UseForwardedHeaders();
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapScalarApiReference();

        app.MapAuthApi();
        app.MapFollowApi();
        app.MapPostsApi();
        app.MapVendorPostsApi();
        app.MapFeedApi();
    }
}
