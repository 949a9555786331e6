namespace Purl.Emulators.Pesapal;

/// <param name="DelayMs">Wait this long before answering (0: no delay).</param>
/// <param name="StatusCode">Answer with this 5xx instead of doing the work (null: do the work, only slowly).</param>
/// <param name="Calls">For the next this many calls (null: no limit).</param>
/// <param name="Until">Until this moment, UTC (null: no limit).</param>
/// <param name="Operation">Only calls to this operation, e.g. "SubmitOrderRequest" (null: every Pesapal call).</param>
public sealed record PesapalFault(int DelayMs, int? StatusCode, int? Calls, DateTime? Until, string? Operation);

public sealed record PesapalFaultView(PesapalFault Fault, long? RemainingCalls);

/// <summary>
/// The one fault window in force, if any: Pesapal answering slowly or with 5xx, for a number of calls or for a while,
/// so the client's retries and circuit breaker are exercised against real HTTP.
/// </summary>
public sealed class PesapalFaults(TimeProvider clock)
{
    private Window? _window;

    public void Set(PesapalFault fault) => Volatile.Write(ref _window, new Window(fault));

    public void Clear() => Volatile.Write(ref _window, null);

    public PesapalFaultView? Current()
    {
        var window = Live();
        return window is null ? null
            : new PesapalFaultView(window.Fault, window.Fault.Calls is null ? null : Math.Max(0, Interlocked.Read(ref window.Remaining)));
    }

    /// <summary>The fault that applies to this call, using up one of its calls; null when the call goes through untouched.</summary>
    public PesapalFault? Take(string operation)
    {
        var window = Live();
        if (window is null) return null;
        if (window.Fault.Operation is { } only && !string.Equals(only, operation, StringComparison.OrdinalIgnoreCase)) return null;
        if (Interlocked.Decrement(ref window.Remaining) >= 0) return window.Fault;
        Interlocked.CompareExchange(ref _window, null, window);
        return null;
    }

    private Window? Live()
    {
        var window = Volatile.Read(ref _window);
        if (window?.Fault.Until is { } until && clock.GetUtcNow().UtcDateTime >= until)
        {
            Interlocked.CompareExchange(ref _window, null, window);
            return null;
        }
        return window;
    }

    private sealed class Window(PesapalFault fault)
    {
        public readonly PesapalFault Fault = fault;
        public long Remaining = fault.Calls ?? long.MaxValue;
    }
}
