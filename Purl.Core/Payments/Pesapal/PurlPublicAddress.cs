using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Purl.Core.Payments.Pesapal;

/// <summary>
/// Where Pesapal and buyers' browsers reach Purl.Api: <c>Pesapal:PublicBaseUrl</c>, or else the address this API
/// listens on (a wildcard host becomes 127.0.0.1, which is right on a laptop and in the tests).
/// </summary>
public sealed class PurlPublicAddress(IOptions<PesapalOptions> options, IServiceProvider services)
{
    public const string IpnPath = "/payments/pesapal/ipn";
    public const string CallbackPath = "/payments/pesapal/callback";

    public string? BaseUrl => options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : Listening();

    public string? IpnUrl => BaseUrl is { } b ? b + IpnPath : null;

    public string? CallbackUrl => BaseUrl is { } b ? b + CallbackPath : null;

    private string? Listening()
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null) return null;
        foreach (var address in addresses.OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 1 : 0))
        {
            var fixedHost = address.Replace("://+:", "://127.0.0.1:").Replace("://*:", "://127.0.0.1:")
                .Replace("://[::]:", "://127.0.0.1:").Replace("://0.0.0.0:", "://127.0.0.1:");
            if (Uri.TryCreate(fixedHost, UriKind.Absolute, out var uri) && uri.Port > 0)
                return uri.GetLeftPart(UriPartial.Authority);
        }
        return null;
    }
}
