using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Purl.AppHost.Servers;

/// <summary>
/// A child process of the AppHost (or of the test run) in its own session, so a Ctrl+C in the terminal reaches only
/// the AppHost, which then stops its children in order. Its output is kept in a <see cref="LogBuffer"/>.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process)
    {
        _process = process;
        Id = process.Id;
    }

    public int Id { get; }

    /// <summary>True once it has exited, and also once disposed (the ops page may still hold a replaced one).</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }
    public int ExitCode => _process.ExitCode;
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, LogBuffer log,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(fileName);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Add(e.Data); };
        if (!process.Start()) throw new InvalidOperationException($"Could not start {fileName}.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return new ChildProcess(process);
    }

    /// <summary>Runs a short command to completion and returns its exit code and output (setup steps like initdb).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var log = new LogBuffer(2000);
        using var child = Start(fileName, arguments, log, environment);
        await child.WaitForExitAsync(cancellationToken);
        return (child.ExitCode, log.Text());
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    public void Signal(UnixSignal signal)
    {
        if (!_process.HasExited) _ = NativeMethods.Kill(_process.Id, (int)signal);
    }

    /// <summary>Asks the process to stop with <paramref name="signal"/>, then kills its whole tree after the grace period.</summary>
    public async Task StopAsync(UnixSignal signal, TimeSpan grace)
    {
        if (_process.HasExited) return;
        Signal(signal);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>SIGKILL of the process and everything it started: what a crash looks like.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose() => _process.Dispose();

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }
}

public enum UnixSignal
{
    Interrupt = 2,
    Kill = 9,
    Terminate = 15,
}
