using Microsoft.Extensions.Http.Resilience;
using Purl.Api.Client;
using Purl.Api.Client.Analytics;
using Purl.Api.Client.Auth;
using Purl.Api.Client.Catalog;
using Purl.Api.Client.Orders;
using Purl.Api.Client.Social;
using Refit;

namespace Purl.Web.Api;

/// <summary>
/// The typed Refit clients of Purl.Api. Every one goes to <c>http://api</c>, which service discovery resolves from
/// <c>services:api:http:0</c>, through the standard resilience handler (both from ServiceDefaults). Vendor clients
/// carry the signed-in vendor's token; <see cref="IAuthApi"/> is anonymous (sign-in and refresh).
/// </summary>
public static class ApiClients
{
    public const string ServiceName = "api";
    public const string AnonymousClient = "api-anonymous";
    public const string VendorClient = "api-vendor";
    public static readonly Uri BaseAddress = new($"http://{ServiceName}");

    public static void AddPurlApiClients(this IServiceCollection services)
    {
        // A retried POST could publish a post or upload an image twice: only safe methods are retried.
        services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.DisableForUnsafeHttpMethods());

        services.AddHttpClient(AnonymousClient, http => http.BaseAddress = BaseAddress);
        services.AddHttpClient(VendorClient, http => http.BaseAddress = BaseAddress);
        services.AddRefitGeneratedClient<IAuthApi>(PurlApiClient.Settings).ConfigureHttpClient(http => http.BaseAddress = BaseAddress);
        services.AddRefitGeneratedClient<ICatalogApi>(PurlApiClient.Settings).ConfigureHttpClient(http => http.BaseAddress = BaseAddress);
        services.AddSingleton<MediaUrls>();

        services.AddVendorClient<IAnalyticsApi>();
        services.AddVendorClient<IVendorOrdersApi>();
        services.AddVendorClient<IVendorCatalogApi>();
        services.AddVendorClient<IVendorSocialApi>();
    }

    /// <summary>
    /// Scoped, so a client belongs to one circuit and its bearer handler to that circuit's <see cref="VendorSession"/>
    /// (handlers added through the factory live in a scope of their own and could not see it). The pooled handler chain
    /// underneath (resilience, discovery) still comes from the factory.
    /// </summary>
    private static void AddVendorClient<T>(this IServiceCollection services) where T : class =>
        services.AddScoped(sp =>
        {
            var bearer = new ApiBearerHandler(sp.GetRequiredService<Auth.VendorSession>())
            {
                InnerHandler = sp.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(VendorClient),
            };
            return RestService.ForGenerated<T>(new HttpClient(bearer, disposeHandler: false) { BaseAddress = BaseAddress }, PurlApiClient.Settings);
        });
}
