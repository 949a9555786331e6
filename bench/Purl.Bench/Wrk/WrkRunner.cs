using System.ComponentModel;
using System.Diagnostics;

namespace Purl.Bench.Wrk;

/// <summary>Runs Debian's wrk as a child process against one URL and parses what it prints.</summary>
public static class WrkRunner
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <param name="requestScript">
    /// A Lua file (next to report.lua) that shapes the requests, e.g. <c>tokens.lua</c>; it is run together with report.lua,
    /// and <paramref name="scriptArguments"/> reach its <c>init(args)</c>.
    /// </param>
    public static async Task<Measurement> RunAsync(
        Uri url, int threads, int connections, TimeSpan duration, CancellationToken ct,
        string? requestScript = null, IReadOnlyList<string>? scriptArguments = null)
    {
        var report = Path.Combine(AppContext.BaseDirectory, "Wrk", "report.lua");
        var script = report;
        if (requestScript is not null)
        {
            // wrk takes one script: the request part and the report, one after the other, in a temporary file.
            script = Path.Combine(Path.GetTempPath(), $"purl-bench-{Environment.ProcessId}-{Path.GetFileName(requestScript)}");
            await File.WriteAllTextAsync(script,
                await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Wrk", requestScript), ct) + "\n" +
                await File.ReadAllTextAsync(report, ct), ct);
        }
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--latency", "--threads", $"{threads}", "--connections", $"{connections}",
                "--duration", $"{(int)duration.TotalSeconds}s", "--timeout", "2s", "--script", script, url.ToString(),
            },
        };
        if (scriptArguments is { Count: > 0 })
        {
            start.ArgumentList.Add("--");
            foreach (var argument in scriptArguments) start.ArgumentList.Add(argument);
        }

        Process wrk;
        try
        {
            wrk = Process.Start(start) ?? throw new BenchException("wrk did not start");
        }
        catch (Win32Exception)
        {
            throw new BenchException("wrk is not installed: apt-get install -y wrk");
        }

        using (wrk)
        {
            var stdout = wrk.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = wrk.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(duration + Grace);
            try
            {
                await wrk.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                wrk.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                throw new BenchException($"wrk was still running {Grace.TotalSeconds:F0}s after its duration; stopped it");
            }

            var output = await stdout;
            if (wrk.ExitCode != 0)
                throw new BenchException($"wrk exited with {wrk.ExitCode}: {(await stderr).Trim()}{output.Trim()}");
            return WrkOutput.Parse(output);
        }
    }
}
