using Purl.AppHost.Hosting;
using Purl.AppHost.Servers;

namespace Purl.Tests.Infrastructure;

/// <summary>
/// The real Purl.Workers (the AppHost's build of it) as a child process on one test class's resources, so a test can
/// SIGKILL it mid-way like a crash. <paramref name="settings"/> go on top, as environment variables.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private WorkerProcess(ChildProcess process) => _process = process;

    public LogBuffer Output { get; } = new(2000);

    public static WorkerProcess Start(IsolatedResources resources, IReadOnlyDictionary<string, string>? settings = null)
    {
        var (directory, assembly) = ProjectPaths.Locate("Purl.Workers");
        var environment = resources.ToEnvironment();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Find()}";
        environment["DOTNET_ENVIRONMENT"] = environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key.Replace(":", "__")] = value;
        var output = new LogBuffer(2000);
        var worker = new WorkerProcess(ChildProcess.Start(DotnetHost(), [assembly], output, environment, directory));
        output.LineAdded += line => worker.Output.Add(line.Text);
        return worker;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no shutdown, nothing flushed, nothing acknowledged.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(UnixSignal.Terminate, TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
