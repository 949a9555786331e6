using Purl.AppHost.Servers;

namespace Purl.AppHost.Hosting;

public enum ResourceState { Waiting, Starting, Running, Finished, Restarting, Failed, Stopping, Stopped, External }

/// <summary>Something the AppHost runs or points at: a server, a one-off task, a project.</summary>
public abstract class Resource(string name)
{
    private readonly List<Resource> _waitsFor = [];

    public string Name { get; } = name;
    public abstract string Kind { get; }
    public ResourceState State { get; protected set; } = ResourceState.Waiting;
    public string? Health { get; protected set; }
    public string? Url { get; protected set; }
    public int Restarts { get; protected set; }
    public DateTimeOffset? StartedAt { get; protected set; }
    public virtual int? ProcessId => null;
    public virtual LogBuffer Log { get; } = new();
    public IReadOnlyList<Resource> WaitsFor => _waitsFor;

    /// <summary>Finished tasks and running services both count as ready for those who wait.</summary>
    public bool IsReady => State is ResourceState.Running or ResourceState.Finished or ResourceState.External;

    internal void AddWaitFor(Resource resource) => _waitsFor.Add(resource);

    public abstract Task StartAsync(StackContext context, CancellationToken cancellationToken);

    public virtual Task StopAsync() => Task.CompletedTask;

    protected void Say(string message)
    {
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {Name,-10} {message}");
        Log.Add($"[apphost] {message}");
    }
}

/// <summary>A resource that hands its address to others under <c>ConnectionStrings__{ConnectionName}</c>.</summary>
public interface IResourceWithConnectionString
{
    string ConnectionName { get; }
    string ConnectionString { get; }
}

/// <summary>What the running resources share: the folder, the secrets, the remembered ports.</summary>
public sealed record StackContext(StackFolder Folder, StackSecrets Secrets);
