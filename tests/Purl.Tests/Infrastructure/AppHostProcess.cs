using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Purl.AppHost.Hosting;
using Purl.AppHost.Servers;

namespace Purl.Tests.Infrastructure;

/// <summary>The real AppHost started as a process, in its own temporary `.purl` folder and ops port.</summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _home;

    private AppHostProcess(ChildProcess process, string home, string opsUrl)
    {
        _process = process;
        _home = home;
        OpsUrl = opsUrl;
    }

    public string OpsUrl { get; }
    public LogBuffer Output { get; } = new(5000);
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<AppHostProcess> StartAsync(IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var home = Path.Combine(Path.GetTempPath(), $"purl-apphost-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
        var opsPort = FreePort.Find();
        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["PURL_HOME"] = home,
            ["PURL_OPS_PORT"] = opsPort.ToString(),
        };
        var (directory, assembly) = ProjectPaths.Locate("Purl.AppHost");
        var output = new LogBuffer(5000);
        // A test run started in the background (`./test.sh &`, nohup) inherits SIGINT ignored, and so would the AppHost:
        // Ctrl+C must reach it as it does from a terminal. env resets the signal, then execs dotnet in the same process.
        var process = ChildProcess.Start("env", ["--default-signal=INT", "dotnet", assembly], output, env, directory);
        var host = new AppHostProcess(process, home, $"http://127.0.0.1:{opsPort}");
        output.LineAdded += line => host.Output.Add(line.Text);
        await host.WaitUntilAllUpAsync(cancellationToken);
        return host;
    }

    public Task<List<ResourceView>> ResourcesAsync(CancellationToken cancellationToken) =>
        Http.GetFromJsonAsync<List<ResourceView>>($"{OpsUrl}/api/resources", cancellationToken)!;

    public async Task<ResourceView> ResourceAsync(string name, CancellationToken cancellationToken) =>
        (await ResourcesAsync(cancellationToken)).Single(r => r.Name == name);

    public Dictionary<string, string> Urls() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(_home, "urls.json")))!;

    public Dictionary<string, int> Pids() =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(_home, "pids.json")))!;

    /// <summary>What Ctrl+C in a terminal does.</summary>
    public async Task InterruptAsync(TimeSpan timeout)
    {
        _process.Signal(UnixSignal.Interrupt);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"The AppHost had not stopped {timeout.TotalSeconds:0} s after Ctrl+C:\n{Output.Text(60)}");
        }
    }

    /// <summary>
    /// Long enough for the AppHost's own worst case (15 s grace for each of four projects, 20 s for each of three
    /// servers, then SIGKILL) on a loaded machine.
    /// </summary>
    public static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(150);

    private async Task WaitUntilAllUpAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
        while (!Output.Text().Contains("All up in"))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The AppHost exited with {_process.ExitCode}:\n{Output.Text(60)}");
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"The AppHost did not come up:\n{Output.Text(60)}");
            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) await InterruptAsync(StopBudget);
        }
        finally
        {
            // A failed test must not leave a whole stack running behind it.
            if (!_process.HasExited) _process.Kill();
        }
        _process.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public sealed record ResourceView(string Name, string Kind, string State, string? Health, string? Url, int? Pid, int Restarts);
}
