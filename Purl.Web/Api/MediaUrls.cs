using System.Net;
using Microsoft.Extensions.ServiceDiscovery;

namespace Purl.Web.Api;

/// <summary>
/// Where the vendor's browser loads images the API serves (<c>/media/…</c>, content-addressed and cached for a year):
/// <c>Api:PublicUrl</c> when the API sits behind a CDN or proxy, else the address service discovery gives for <c>http://api</c>.
/// </summary>
public sealed class MediaUrls(IConfiguration configuration, ServiceEndpointResolver endpoints)
{
    private Uri? _base;

    public async Task<Uri> BaseAsync(CancellationToken ct = default)
    {
        if (_base is not null) return _base;
        if (configuration["Api:PublicUrl"] is { Length: > 0 } configured) return _base = new Uri(configured);
        var source = await endpoints.GetEndpointsAsync(ApiClients.BaseAddress.ToString(), ct);
        return _base = source.Endpoints.FirstOrDefault()?.EndPoint switch
        {
            IPEndPoint ip => new Uri($"http://{ip}"),
            DnsEndPoint dns => new Uri($"http://{dns.Host}:{dns.Port}"),
            { } other => new Uri(other.ToString()!),
            null => ApiClients.BaseAddress,
        };
    }

    /// <summary>An absolute URL for a <c>/media/…</c> path; an absolute https address is kept as it is.</summary>
    public string For(Uri apiBase, string? url) =>
        // Not Uri.TryCreate(Absolute): on Linux it reads "/media/x.webp" as a file path.
        string.IsNullOrEmpty(url) ? ""
        : url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? url
        : new Uri(apiBase, url).ToString();
}
