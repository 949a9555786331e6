using System.Text.Json;
using Purl.AppHost.Servers;

namespace Purl.AppHost.Hosting;

/// <summary>
/// One of our .NET projects, run from its build output with its resources in Aspire's variable names, waited on until
/// its /health answers, and restarted with growing delays when it crashes.
/// </summary>
public sealed class ProjectResource(string name, string projectName) : Resource(name)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly List<Resource> _references = [];
    private readonly List<(string Service, ProjectResource Project)> _services = [];
    private readonly Dictionary<string, Func<string?>> _environment = [];
    private ChildProcess? _process;
    private int _port;
    private volatile bool _stopping;

    public override string Kind => "project";
    public override int? ProcessId => _process is { HasExited: false } p ? p.Id : null;
    public IReadOnlyList<Resource> References => _references;

    internal void AddReference(Resource resource) => _references.Add(resource);
    internal void AddServiceReference(string service, ProjectResource project) => _services.Add((service, project));
    internal void SetEnvironment(string key, Func<string?> value) => _environment[key] = value;

    public override async Task StartAsync(StackContext context, CancellationToken cancellationToken)
    {
        _port = context.Folder.Port(Name);
        Url = $"http://127.0.0.1:{_port}";
        State = ResourceState.Starting;
        await LaunchAsync(cancellationToken);
        State = ResourceState.Running;
        _ = SuperviseAsync(cancellationToken);
        _ = PollHealthAsync(cancellationToken);
    }

    public override async Task StopAsync()
    {
        _stopping = true;
        if (_process is null) return;
        State = ResourceState.Stopping;
        await _process.StopAsync(UnixSignal.Terminate, TimeSpan.FromSeconds(15));
        State = ResourceState.Stopped;
        Health = null;
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var (directory, assembly) = ProjectPaths.Locate(projectName);
        _process?.Dispose();
        _process = ChildProcess.Start("dotnet", [assembly], Log, Environment(), directory);
        StartedAt = DateTimeOffset.UtcNow;
        await WaitForHealthyAsync(cancellationToken);
        Health = "Healthy";
    }

    private Dictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = Url,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = Name,
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        foreach (var reference in _references)
        {
            if (reference is IResourceWithConnectionString withConnection)
                environment[$"ConnectionStrings__{withConnection.ConnectionName}"] = withConnection.ConnectionString;
            else if (reference is ProjectResource project)
                environment[$"services__{project.Name}__http__0"] = project.Url;
        }
        foreach (var (service, project) in _services)
        {
            environment[$"services__{service}__http__0"] = project.Url;
        }
        foreach (var (key, value) in _environment) environment[key] = value();
        return environment;
    }

    private async Task WaitForHealthyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (DateTimeOffset.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process!.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting:\n{Log.Text(25)}");
            if (await ReadHealthAsync(cancellationToken) == "Healthy") return;
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"{Name} did not report healthy at {Url}/health within 2 minutes:\n{Log.Text(25)}");
    }

    /// <summary>Restarts a crashed project: 1 s, 2 s, 4 s … up to 30 s, back to 1 s once it has run a minute.</summary>
    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            var process = _process!;
            await process.WaitForExitAsync(CancellationToken.None);
            if (_stopping || cancellationToken.IsCancellationRequested) return;
            if (DateTimeOffset.UtcNow - process.StartedAt > TimeSpan.FromMinutes(1)) delay = TimeSpan.FromSeconds(1);

            Restarts++;
            State = ResourceState.Restarting;
            Health = $"exited with code {process.ExitCode}";
            Say($"exited with code {process.ExitCode}; restart #{Restarts} in {delay.TotalSeconds:0} s");
            try
            {
                await Task.Delay(delay, cancellationToken);
                await LaunchAsync(cancellationToken);
                State = ResourceState.Running;
                Say($"restarted (pid {_process!.Id})");
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                Say($"restart failed: {e.Message.Split('\n')[0]}");
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
        }
    }

    private async Task PollHealthAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !_stopping)
        {
            if (State == ResourceState.Running) Health = await ReadHealthAsync(cancellationToken);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>"Healthy", or "Unhealthy: redis, rabbitmq" naming what is down, or why it could not be asked.</summary>
    private async Task<string> ReadHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync($"{Url}/health", cancellationToken);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var status = json.RootElement.GetProperty("status").GetString() ?? "Unknown";
            var down = json.RootElement.GetProperty("entries").EnumerateObject()
                .Where(e => e.Value.GetProperty("status").GetString() != "Healthy").Select(e => e.Name).ToList();
            return down.Count == 0 ? status : $"{status}: {string.Join(", ", down)}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return cancellationToken.IsCancellationRequested ? "stopping" : "not answering";
        }
    }
}
