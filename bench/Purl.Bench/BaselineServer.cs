using System.Diagnostics;

namespace Purl.Bench;

/// <summary>
/// Bare Kestrel (bench/Purl.Bench.Baseline, Release, built through the bench's project reference), started on
/// 127.0.0.1 and a port the OS picks, and killed when disposed.
/// </summary>
public sealed class BaselineServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;

    private BaselineServer(Process process, Uri url) => (_process, Url) = (process, url);

    public Uri Url { get; }

    public int Pid => _process.Id;

    public static async Task<BaselineServer> StartAsync(string repoRoot, CancellationToken ct)
    {
        // Same target framework folder as the bench's own output (bin/<configuration>/<tfm>/).
        var tfm = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var dll = Path.Combine(repoRoot, "bench", "Purl.Bench.Baseline", "bin", "Release", tfm, "Purl.Bench.Baseline.dll");
        if (!File.Exists(dll))
            throw new BenchException($"bare Kestrel baseline not built ({dll}): dotnet build -c Release bench/Purl.Bench");

        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = "Production" },
        };
        var process = Process.Start(start) ?? throw new BenchException("the baseline did not start");
        try
        {
            return new BaselineServer(process, await ReadUrlAsync(process, ct));
        }
        catch
        {
            await StopAsync(process);
            throw;
        }
    }

    private static async Task<Uri> ReadUrlAsync(Process process, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(StartTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is string line)
                if (line.StartsWith("listening ", StringComparison.Ordinal))
                    return new Uri(line["listening ".Length..]);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BenchException($"the baseline did not listen within {StartTimeout.TotalSeconds:F0}s");
        }
        throw new BenchException("the baseline exited before listening");
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync(_process));
}
