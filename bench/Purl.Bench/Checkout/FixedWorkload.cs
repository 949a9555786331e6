using System.Diagnostics;
using Purl.Bench.Flow;

namespace Purl.Bench.Checkout;

/// <summary>
/// Runs a fixed number of user actions (one per buyer, say) with <c>workers</c> concurrent loops, timing each:
/// for workloads that are a crowd of a given size rather than a duration. req/s is actions per second.
/// </summary>
public static class FixedWorkload
{
    public delegate Task<bool> Action(int index, CancellationToken ct);

    public static async Task<Measurement> RunAsync(int count, int workers, Action action, CancellationToken ct)
    {
        var next = -1;
        var recorders = new LatencyRecorder[workers];
        var errors = new long[workers];
        var started = Stopwatch.GetTimestamp();

        async Task Work(int worker)
        {
            var recorder = recorders[worker] = new LatencyRecorder();
            for (var index = Interlocked.Increment(ref next); index < count; index = Interlocked.Increment(ref next))
            {
                var begun = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await action(index, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or IOException or Refit.ApiException)
                {
                    ok = false;
                }
                recorder.Record(Stopwatch.GetElapsedTime(begun));
                if (!ok) errors[worker]++;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => Work(w), ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = new LatencyRecorder();
        foreach (var recorder in recorders) all.Add(recorder);
        var failed = errors.Sum();
        return new Measurement(all.Count, all.Count / elapsed.TotalSeconds, all.PercentileMicroseconds(50) / 1000.0,
            all.PercentileMicroseconds(95) / 1000.0, all.PercentileMicroseconds(99) / 1000.0, failed,
            failed == 0 ? "" : $"errors: {failed} failed actions");
    }
}
