using System.Net;
using System.Net.Sockets;

namespace Purl.AppHost.Servers;

public static class FreePort
{
    /// <summary>A TCP port free on 127.0.0.1: <paramref name="preferred"/> when it is free, else one the OS picks.</summary>
    public static int Find(int? preferred = null)
    {
        if (preferred is > 0 and < 65536 && IsFree(preferred.Value)) return preferred.Value;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
