namespace Purl.AppHost.Servers;

/// <summary>
/// A server from the OS's packages run as a plain child process: started, waited on until it answers, stopped cleanly,
/// or killed like a crash. The AppHost and the test run use the same classes.
/// </summary>
public abstract class LocalServer(string name, string dataDirectory) : IAsyncDisposable
{
    public string Name { get; } = name;
    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);
    public LogBuffer Log { get; } = new();
    public ChildProcess? Process { get; private set; }

    /// <summary>The connection string the projects get, in the format their client reads.</summary>
    public abstract string ConnectionString { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Process is { HasExited: false }) return;
        Directory.CreateDirectory(DataDirectory);
        await PrepareAsync(cancellationToken);
        Process?.Dispose();
        Process = StartProcess();
        await WaitUntilReadyAsync(cancellationToken);
    }

    public async Task StopAsync()
    {
        if (Process is { } process) await process.StopAsync(StopSignal, TimeSpan.FromSeconds(20));
        await AfterStopAsync();
    }

    /// <summary>SIGKILL, as in a crash test: no clean shutdown.</summary>
    public async Task KillAsync()
    {
        if (Process is not { } process) return;
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Process?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual UnixSignal StopSignal => UnixSignal.Terminate;

    /// <summary>One-time set-up before each start: first-run initialisation, config files, permissions.</summary>
    protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract ChildProcess StartProcess();

    /// <summary>True once the server answers a real request.</summary>
    protected abstract Task<bool> AnswersAsync(CancellationToken cancellationToken);

    protected virtual Task AfterStopAsync() => Task.CompletedTask;

    protected virtual TimeSpan StartTimeout => TimeSpan.FromSeconds(60);

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + StartTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Process!.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {Process.ExitCode} while starting:\n{Log.Text(30)}");
            if (await AnswersAsync(cancellationToken)) return;
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"{Name} did not answer within {StartTimeout.TotalSeconds:0} s:\n{Log.Text(30)}");
            await Task.Delay(100, cancellationToken);
        }
    }

    protected static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";

    protected static string RequireBinary(string path, string server, string package) =>
        File.Exists(path) ? path : throw new MissingServerException(server, package);
}
