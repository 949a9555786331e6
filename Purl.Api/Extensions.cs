using Purl.Api.Apis;
using Purl.Core.Caching;
using Purl.Core.Catalog;
using Purl.Api.Client.Analytics;
using Purl.Api.Hubs;
using Purl.Core.Data;
using Purl.Core.Identity;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Purl.Core.Messaging;
using Purl.Core.Checkout;
using Purl.Core.RateLimiting;
using Purl.Core.Search;
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
        builder.AddSearch().AddSearchSnapshotPreload();
        builder.Services.AddMessaging(builder.Configuration).AddOutboxRelay();
        builder.AddPurlCaching();
        builder.AddCatalog();
        builder.Services.AddSingleton<CatalogPages>();
        builder.AddVendorHub();

        builder.Services.AddRateLimits(builder.Configuration);
        builder.AddCheckoutApi();
        builder.Services.AddSocial(builder.Configuration);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemResults.AddRetryAfterHeader);
        // Bad request bodies reach the exception handler (in every environment), which names the field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<ExceptionHandlerOptions>(o =>
            o.StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddExceptionHandler<JsonBodyProblems>();
        builder.Services.AddExceptionHandler<DatabaseBusyProblems>();
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
        app.MapCatalogApi();
        app.MapVendorCatalogApi();
        app.MapMediaApi();
        app.MapCartApi();
        app.MapOrdersApi();
        app.MapVendorOrdersApi();
        app.MapPesapalApi();
        app.MapAnalyticsApi();
        app.MapHub<VendorHub>(AnalyticsRoutes.VendorHub);
        app.MapSearchApi();
        app.MapFollowApi();
        app.MapPostsApi();
        app.MapVendorPostsApi();
        app.MapFeedApi();
    }
}
