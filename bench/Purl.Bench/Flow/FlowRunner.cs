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
    /// <summary>One step; <paramref name="worker"/> is the worker running it (or, in <see cref="RunCountAsync"/>, the step's index).</summary>
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

    public static Task<Measurement> RunAsync(
        HttpClient http, int workers, TimeSpan duration, Step step, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return RunWorkersAsync(workers, started, async (worker, tally) =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                ct.ThrowIfCancellationRequested();
                await tally.StepAsync(step, http, worker, Stopwatch.GetTimestamp(), ct);
            }
        }, ct);
    }

    /// <summary>
    /// Open loop: steps start on a fixed schedule, <paramref name="perSecond"/> a second, whatever the answers' speed, as
    /// independent buyers arrive. Each step's latency runs from when it was due, not from when a worker got to it, so a
    /// server that falls behind shows its queue in the percentiles (no coordinated omission). <paramref name="workers"/>
    /// bounds the steps in flight; worker <c>w</c> runs the steps due at <c>w</c>, <c>w + workers</c>, ….
    /// </summary>
    public static Task<Measurement> RunAtRateAsync(
        HttpClient http, int workers, TimeSpan duration, double perSecond, Step step, CancellationToken ct)
    {
        var total = (long)(duration.TotalSeconds * perSecond);
        var started = Stopwatch.GetTimestamp();
        return RunWorkersAsync(workers, started, async (worker, tally) =>
        {
            for (var index = (long)worker; index < total; index += workers)
            {
                var due = started + (long)(index / perSecond * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, ct);
                await tally.StepAsync(step, http, worker, due, ct);
            }
        }, ct);
    }

    /// <summary>
    /// Runs exactly <paramref name="total"/> steps (step <c>i</c> gets index <c>i</c>) on <paramref name="workers"/>
    /// workers, as fast as they go: for flows that use something up, like 10,000 buyers liking once each.
    /// </summary>
    public static Task<Measurement> RunCountAsync(
        HttpClient http, int workers, int total, Step step, CancellationToken ct)
    {
        var next = -1;
        return RunWorkersAsync(workers, Stopwatch.GetTimestamp(), async (_, tally) =>
        {
            while (Interlocked.Increment(ref next) is var index && index < total)
            {
                ct.ThrowIfCancellationRequested();
                await tally.StepAsync(step, http, index, Stopwatch.GetTimestamp(), ct);
            }
        }, ct);
    }

    /// <summary>Runs <paramref name="workers"/> loops at once, each with its own tally, and sums them up.</summary>
    /// <param name="started">When the run began, the moment its deadline or schedule counts from: the rate is over the same span.</param>
    private static async Task<Measurement> RunWorkersAsync(int workers, long started, Func<int, Tally, Task> work, CancellationToken ct)
    {
        var tallies = Enumerable.Range(0, workers).Select(_ => new Tally()).ToArray();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => work(w, tallies[w]), ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var all = new LatencyRecorder();
        foreach (var tally in tallies)
            all.Add(tally.Latencies);
        var failed = tallies.Sum(t => t.Errors);
        return new Measurement(
            Requests: all.Count,
            RequestsPerSecond: all.Count / elapsed.TotalSeconds,
            P50Ms: all.PercentileMicroseconds(50) / 1000.0,
            P95Ms: all.PercentileMicroseconds(95) / 1000.0,
            P99Ms: all.PercentileMicroseconds(99) / 1000.0,
            Errors: failed,
            ErrorDetail: failed == 0 ? "" : $"errors: {failed} failed steps");
    }

    /// <summary>One worker's latencies and failed steps (only that worker writes them).</summary>
    private sealed class Tally
    {
        public LatencyRecorder Latencies { get; } = new();
        public long Errors { get; private set; }

        /// <summary>Runs a step and records its latency from <paramref name="since"/> (a Stopwatch timestamp).</summary>
        public async Task StepAsync(Step step, HttpClient http, int argument, long since, CancellationToken ct)
        {
            var ok = await OutcomeAsync(step, http, argument, ct);
            Latencies.Record(Stopwatch.GetElapsedTime(since));
            if (!ok) Errors++;
        }
    }

    /// <summary>The step's outcome; a failure on the wire is a failed step, not an end to the run.</summary>
    private static async Task<bool> OutcomeAsync(Step step, HttpClient http, int argument, CancellationToken ct)
    {
        try
        {
            return await step(http, argument, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && IsFailureOnTheWire(e))
        {
            return false;
        }
    }

    private static bool IsFailureOnTheWire(Exception e) =>
        e is HttpRequestException or TaskCanceledException or IOException or ApiException;
}
