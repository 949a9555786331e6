namespace Purl.Bench;

/// <summary>Resident memory from /proc (Linux): VmRSS of one process, sampled while the load runs.</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS in bytes, or null when the process is gone or /proc is not there.</summary>
    public static long? Rss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    public static string Megabytes(long bytes) => $"{bytes / 1_000_000.0:F0} MB";
}

/// <summary>Reads a process's RSS every 200 ms until disposed and keeps the peak.</summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RssSampler(int pid) => _loop = SampleAsync(pid, _stop.Token);

    public long? PeakBytes { get; private set; }

    private async Task SampleAsync(int pid, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            do
            {
                if (ProcessMemory.Rss(pid) is long rss && rss > (PeakBytes ?? 0))
                    PeakBytes = rss;
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
