using System.ComponentModel;
using System.Diagnostics;

namespace Purl.Bench.Wrk;

/// <summary>Runs Debian's wrk as a child process against one URL and parses what it prints.</summary>
public static class WrkRunner
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <param name="forwarded">Give every request its own X-Forwarded-For address (see report.lua), so per-client rate limits do not refuse the bench.</param>
    public static async Task<Measurement> RunAsync(
        Uri url, int threads, int connections, TimeSpan duration, CancellationToken ct, bool forwarded = false) =>
        WrkOutput.Parse(await RunAsync(url, threads, connections, duration, Path.Combine(AppContext.BaseDirectory, "Wrk", "report.lua"), ct, forwarded));

    /// <summary>
    /// Runs wrk with <paramref name="lua"/> (its own <c>setup</c>/<c>init</c>/<c>request</c>/<c>response</c>) ahead of
    /// report.lua, and returns wrk's whole report as well, for the lines the script prints (report.lua calls
    /// <c>purl_report()</c> when the script defines it).
    /// </summary>
    public static async Task<(Measurement Measurement, string Output)> RunScriptAsync(
        Uri url, int threads, int connections, TimeSpan duration, string lua, CancellationToken ct)
    {
        var script = Path.Combine(Path.GetTempPath(), $"purl-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script,
            lua + "\n" + await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Wrk", "report.lua"), ct), ct);
        try
        {
            var output = await RunAsync(url, threads, connections, duration, script, ct);
            return (WrkOutput.Parse(output), output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<string> RunAsync(
        Uri url, int threads, int connections, TimeSpan duration, string script, CancellationToken ct, bool forwarded = false)
    {
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

        if (forwarded)
        {
            start.ArgumentList.Add("--");
            start.ArgumentList.Add("forwarded");
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
            return output;
        }
    }
}
