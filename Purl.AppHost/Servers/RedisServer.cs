using System.Net.Sockets;
using System.Text;

namespace Purl.AppHost.Servers;

/// <summary>Redis from Debian's `redis-server`, in the foreground, with the append-only file synced every second.</summary>
public sealed class RedisServer(string dataDirectory, int port, string password) : LocalServer("redis", dataDirectory)
{
    private readonly string _binary = RequireBinary("/usr/bin/redis-server", "Redis", "redis-server");

    public int Port { get; } = port;

    /// <summary>StackExchange.Redis format, as Aspire hands it over.</summary>
    public override string ConnectionString => $"127.0.0.1:{Port},password={password}";

    protected override ChildProcess StartProcess() => ChildProcess.Start(_binary,
    [
        "--port", Port.ToString(), "--bind", "127.0.0.1", "--protected-mode", "yes",
        "--dir", DataDirectory, "--daemonize", "no", "--requirepass", password,
        "--appendonly", "yes", "--appendfsync", "everysec",
    ], Log);

    /// <summary>AUTH then PING over the wire: the server is ready when it answers +PONG.</summary>
    protected override async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
            await using var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {password}\r\nPING\r\n"), cancellationToken);
            var buffer = new byte[256];
            var received = new StringBuilder();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            while (!received.ToString().Contains("PONG") && !received.ToString().Contains("-ERR") && !received.ToString().Contains("-LOADING"))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0) break;
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
            return received.ToString().Contains("+PONG");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
