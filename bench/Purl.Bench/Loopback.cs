using System.Net;

namespace Purl.Bench;

public static class Loopback
{
    public static bool Is(Uri uri) =>
        uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip)
            : string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);
}
