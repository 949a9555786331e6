using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

namespace Purl.AppHost.Servers;

/// <summary>
/// RabbitMQ from Debian's `rabbitmq-server`, with its own node name, Erlang port mapper, data and ports, bound to
/// loopback only, and the management plugin (for queue depths and creating virtual hosts).
/// </summary>
public sealed class RabbitMqServer(string dataDirectory, RabbitMqPorts ports, string user, string password)
    : LocalServer("rabbitmq", dataDirectory)
{
    private const string Bin = "/usr/lib/rabbitmq/bin";
    private readonly string _server = RequireBinary($"{Bin}/rabbitmq-server", "RabbitMQ", "rabbitmq-server");
    private HttpClient? _management;

    public RabbitMqPorts Ports { get; } = ports;
    public string User { get; } = user;

    public string NodeName { get; } = $"purl-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..8].ToLowerInvariant()}@localhost";

    public override string ConnectionString => ConnectionStringFor("/");

    public string ConnectionStringFor(string virtualHost) =>
        $"amqp://{Uri.EscapeDataString(User)}:{Uri.EscapeDataString(password)}@127.0.0.1:{Ports.Amqp}/{Uri.EscapeDataString(virtualHost)}";

    public string ManagementUrl => $"http://127.0.0.1:{Ports.Management}";

    public HttpClient Management => _management ??= new HttpClient
    {
        BaseAddress = new Uri(ManagementUrl),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{password}"))) },
        Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Creates a virtual host and gives our user every permission on it (each test class gets its own).</summary>
    public async Task CreateVirtualHostAsync(string virtualHost, CancellationToken cancellationToken)
    {
        var escaped = Uri.EscapeDataString(virtualHost);
        (await Management.PutAsync($"/api/vhosts/{escaped}", null, cancellationToken)).EnsureSuccessStatusCode();
        (await Management.PutAsJsonAsync($"/api/permissions/{escaped}/{Uri.EscapeDataString(User)}",
            new { configure = ".*", write = ".*", read = ".*" }, cancellationToken)).EnsureSuccessStatusCode();
    }

    protected override TimeSpan StartTimeout => TimeSpan.FromSeconds(90);

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(DataDirectory, "log"));
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "enabled_plugins"), "[rabbitmq_management].\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "rabbitmq.conf"), $"""
            listeners.tcp.local = 127.0.0.1:{Ports.Amqp}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {Ports.Management}
            default_user = {User}
            default_pass = {password}
            loopback_users = none
            log.console = true
            log.console.level = warning
            log.file = false
            """, cancellationToken);
    }

    protected override ChildProcess StartProcess() => ChildProcess.Start(_server, [], Log, Environment());

    protected override async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        if (!await FreePort.AcceptsConnectionsAsync(Ports.Amqp, cancellationToken)) return false;
        try
        {
            using var response = await Management.GetAsync("/api/overview", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The broker is gone; stop the port mapper it started, which would otherwise outlive it.</summary>
    protected override async Task AfterStopAsync()
    {
        if (File.Exists("/usr/bin/epmd"))
            await ChildProcess.RunAsync("/usr/bin/epmd", ["-port", Ports.Epmd.ToString(), "-kill"], Environment());
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["HOME"] = DataDirectory,
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Ports.Amqp.ToString(),
        ["RABBITMQ_DIST_PORT"] = Ports.Distribution.ToString(),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(DataDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(DataDirectory, "log"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(DataDirectory, "enabled_plugins"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(DataDirectory, "rabbitmq.conf"),
        ["RABBITMQ_LOGS"] = "-",
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["ERL_EPMD_PORT"] = Ports.Epmd.ToString(),
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
    };
}

public sealed record RabbitMqPorts(int Amqp, int Management, int Distribution, int Epmd);
