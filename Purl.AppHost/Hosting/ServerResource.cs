using Microsoft.Extensions.Configuration;
using Purl.AppHost.Servers;

namespace Purl.AppHost.Hosting;

/// <summary>
/// PostgreSQL, Redis or RabbitMQ: started locally unless <c>ConnectionStrings__{connectionName}</c> is already set, in which
/// case that server is used as it is.
/// </summary>
public sealed class ServerResource(string name, string connectionName, IConfiguration configuration,
    Func<StackContext, LocalServer> create, Func<LocalServer, CancellationToken, Task>? afterStart = null)
    : Resource(name), IResourceWithConnectionString
{
    private LocalServer? _server;
    private string? _external;

    public override string Kind => "server";
    public string ConnectionName { get; } = connectionName;
    public override int? ProcessId => _server?.Process?.Id;
    public override LogBuffer Log => _server?.Log ?? base.Log;
    public LocalServer? Server => _server;

    public string ConnectionString => _external ?? (_server as PostgresServer)?.ConnectionStringFor(ConnectionName)
        ?? _server?.ConnectionString ?? throw new InvalidOperationException($"{Name} has not started.");

    public override async Task StartAsync(StackContext context, CancellationToken cancellationToken)
    {
        if (configuration.GetConnectionString(ConnectionName) is { Length: > 0 } given)
        {
            _external = given;
            State = ResourceState.External;
            Url = "(external)";
            Say($"ConnectionStrings__{ConnectionName} is set: using that server, not starting one");
            return;
        }

        State = ResourceState.Starting;
        _server = create(context);
        await _server.StartAsync(cancellationToken);
        if (afterStart is not null) await afterStart(_server, cancellationToken);
        StartedAt = DateTimeOffset.UtcNow;
        Url = _server switch
        {
            PostgresServer pg => $"postgres://127.0.0.1:{pg.Port}/{ConnectionName}",
            RedisServer redis => $"redis://127.0.0.1:{redis.Port}",
            RabbitMqServer rabbit => $"amqp://127.0.0.1:{rabbit.Ports.Amqp} (management {rabbit.ManagementUrl})",
            _ => null,
        };
        State = ResourceState.Running;
        Health = "Healthy";
        _ = WatchAsync(_server);
    }

    public override async Task StopAsync()
    {
        if (_server is null) return;
        State = ResourceState.Stopping;
        await _server.StopAsync();
        State = ResourceState.Stopped;
        Health = null;
    }

    private async Task WatchAsync(LocalServer server)
    {
        await server.Process!.WaitForExitAsync();
        if (State is ResourceState.Stopping or ResourceState.Stopped) return;
        State = ResourceState.Failed;
        Health = $"exited with code {server.Process.ExitCode}";
        Say($"exited unexpectedly with code {server.Process.ExitCode}; the projects will report it on /health");
    }
}
