using System.Diagnostics;
using System.Text;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.MessagingProbe;

/// <summary>The Purl.Tests.MessagingProbe worker as a real child process, so a test can SIGKILL it.</summary>
public sealed class ProbeProcess : IDisposable
{
    public const string Queue = "purl.probe-effect";
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ProbeProcess(Process process) => _process = process;

    public static ProbeProcess Start(IsolatedResources resources, TimeSpan pauseAfterCommit)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "messaging-probe", "Purl.Tests.MessagingProbe.dll");
        var start = new ProcessStartInfo(DotnetHost(), ["exec", dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in resources.ToEnvironment()) start.Environment[key] = value;
        start.Environment["Messaging__PauseAfterCommit"] = pauseAfterCommit.ToString("c");
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = new Process { StartInfo = start };
        var probe = new ProbeProcess(process);
        process.OutputDataReceived += (_, e) => probe.Append(e.Data);
        process.ErrorDataReceived += (_, e) => probe.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return probe;
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>SIGKILL: no shutdown, no ack, nothing flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
