using System.Diagnostics;
using System.Net;
using Refit;

namespace Purl.Bench.Flow;

/// <summary>
/// Drives a flow in-process: <c>workers</c> loops, each running its step back to back until the time is up.
/// Every step is timed (a step may make several calls: it is one user action); a step that returns false or
/// fails on the wire (HTTP error, refused connection, timeout, non-2xx through Refit) counts as an error.
/// </summary>
public static class FlowRunner
{
    public delegate Task<bool> Step(HttpClient http, int worker, CancellationToken ct);

    /// <summary>One pooled client for all workers, allowed as many connections as there are workers.</summary>
    public static HttpClient CreateClient(Uri baseUrl, int workers) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = workers,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(10),
        };

    public static async Task<Measurement> RunAsync(
        HttpClient http, int workers, TimeSpan duration, Step step, CancellationToken ct)
    {
        var recorders = new LatencyRecorder[workers];
        var errors = new long[workers];
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        async Task Work(int worker)
        {
            var recorder = recorders[worker] = new LatencyRecorder();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                ct.ThrowIfCancellationRequested();
                var begun = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await step(http, worker, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && IsFailureOnTheWire(e))
                {
                    ok = false;
                }
                recorder.Record(Stopwatch.GetElapsedTime(begun));
                if (!ok)
                    errors[worker]++;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => Work(w), ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var all = new LatencyRecorder();
        foreach (var recorder in recorders)
            all.Add(recorder);
        var failed = errors.Sum();
        return new Measurement(
            Requests: all.Count,
            RequestsPerSecond: all.Count / elapsed.TotalSeconds,
            P50Ms: all.PercentileMicroseconds(50) / 1000.0,
            P95Ms: all.PercentileMicroseconds(95) / 1000.0,
            P99Ms: all.PercentileMicroseconds(99) / 1000.0,
            Errors: failed,
            ErrorDetail: failed == 0 ? "" : $"errors: {failed} failed steps");
    }

    /// <summary>
    /// Runs exactly <paramref name="total"/> steps (step <c>i</c> gets index <c>i</c>) on <paramref name="workers"/>
    /// workers, as fast as they go: for flows that use something up, like 10,000 buyers liking once each.
    /// </summary>
    public static async Task<Measurement> RunCountAsync(
        HttpClient http, int workers, int total, Func<HttpClient, int, CancellationToken, Task<bool>> step, CancellationToken ct)
    {
        var recorders = new LatencyRecorder[workers];
        var errors = new long[workers];
        var next = -1;
        var started = Stopwatch.GetTimestamp();

        async Task Work(int worker)
        {
            var recorder = recorders[worker] = new LatencyRecorder();
            while (Interlocked.Increment(ref next) is var index && index < total)
            {
                ct.ThrowIfCancellationRequested();
                var begun = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await step(http, index, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && IsFailureOnTheWire(e))
                {
                    ok = false;
                }
                recorder.Record(Stopwatch.GetElapsedTime(begun));
                if (!ok)
                    errors[worker]++;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => Work(w), ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = new LatencyRecorder();
        foreach (var recorder in recorders)
            all.Add(recorder);
        var failed = errors.Sum();
        return new Measurement(all.Count, all.Count / elapsed.TotalSeconds,
            all.PercentileMicroseconds(50) / 1000.0, all.PercentileMicroseconds(95) / 1000.0, all.PercentileMicroseconds(99) / 1000.0,
            failed, failed == 0 ? "" : $"errors: {failed} failed steps");
    }

    private static bool IsFailureOnTheWire(Exception e) =>
        e is HttpRequestException or TaskCanceledException or IOException or ApiException;
}
