using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Purl.Core.Media;

namespace Purl.Core.Catalog;

public static class CatalogExtensions
{
    /// <summary>
    /// The catalogue's reads and writes, the marketplace home and its view refresh, and the media store (settings
    /// <c>Marketplace:</c>, <c>Media:</c>). Needs <c>AddPurlCaching</c>.
    /// </summary>
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MarketplaceOptions>().BindConfiguration(MarketplaceOptions.Section);
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section);
        services.AddSingleton<MediaStore>();
        services.AddSingleton<ImageProcessor>();
        services.AddSingleton<MediaUploads>();
        services.AddSingleton<MarketplaceHome>();
        services.AddSingleton<MarketplaceViewRefresh>();
        services.AddScoped<CatalogReads>();
        services.AddScoped<VendorCatalog>();
        services.AddScoped<VendorProfiles>();
        return builder;
    }
}
