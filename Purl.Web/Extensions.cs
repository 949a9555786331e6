using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Purl.Web.Api;
using Purl.Web.Auth;
using Purl.Web.Components;
using Purl.Web.Live;
using StackExchange.Redis;

namespace Purl.Web;

public static class Extensions
{
    public static void AddWebServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        var prefix = builder.Configuration[RedisKeyPrefix.ConfigurationKey] ?? RedisKeyPrefix.Default;
        var services = builder.Services;

        // Sign-in tickets and the Data Protection keys that seal the cookie live in Redis: any Web instance serves any vendor.
        services.AddStackExchangeRedisCache(o => o.InstanceName = prefix + "web:");
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((o, sp) =>
            o.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()));
        services.AddDataProtection().SetApplicationName("Purl.Web");
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((o, redis) =>
            o.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), prefix + "web:data-protection-keys"));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RedisTicketStore>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, TicketStoreSetup>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "purl.dashboard";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = DashboardPaths.SignIn;
            o.AccessDeniedPath = DashboardPaths.SignIn;
            // Not sliding: a renewal would write back a ticket read before a circuit refreshed its tokens.
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = false;
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<SessionTokens>();
        services.AddScoped<VendorSession>();
        services.AddScoped<VendorSignIn>();

        services.AddPurlApiClients();
        services.AddScoped<VendorLiveFeed>();

        services.AddRazorComponents().AddInteractiveServerComponents();
    }

    public static void MapWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
