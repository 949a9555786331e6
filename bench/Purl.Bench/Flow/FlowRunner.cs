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
        return Summarise(recorders, errors, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Open loop: steps start on a fixed schedule, <paramref name="perSecond"/> a second, whatever the answers' speed, as
    /// independent buyers arrive. Each step's latency runs from when it was due, not from when a worker got to it, so a
    /// server that falls behind shows its queue in the percentiles (no coordinated omission). <paramref name="workers"/>
    /// bounds the steps in flight; worker <c>w</c> runs the steps due at <c>w</c>, <c>w + workers</c>, ….
    /// </summary>
    public static async Task<Measurement> RunAtRateAsync(
        HttpClient http, int workers, TimeSpan duration, double perSecond, Step step, CancellationToken ct)
    {
        var recorders = new LatencyRecorder[workers];
        var errors = new long[workers];
        var total = (long)(duration.TotalSeconds * perSecond);
        var started = Stopwatch.GetTimestamp();

        async Task Work(int worker)
        {
            var recorder = recorders[worker] = new LatencyRecorder();
            for (var index = (long)worker; index < total; index += workers)
            {
                var due = started + (long)(index / perSecond * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, ct);
                bool ok;
                try
                {
                    ok = await step(http, worker, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && IsFailureOnTheWire(e))
                {
                    ok = false;
                }
                recorder.Record(Stopwatch.GetElapsedTime(due));
                if (!ok)
                    errors[worker]++;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => Work(w), ct)));
        return Summarise(recorders, errors, Stopwatch.GetElapsedTime(started));
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
        return Summarise(recorders, errors, Stopwatch.GetElapsedTime(started));
    }

    private static Measurement Summarise(LatencyRecorder[] recorders, long[] errors, TimeSpan elapsed)
    {
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

    private static bool IsFailureOnTheWire(Exception e) =>
        e is HttpRequestException or TaskCanceledException or IOException or ApiException;
}
