using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Purl.Emulators.Fcm;

public enum FcmTokenState { Valid, Dead, Mismatched }

/// <summary>The knobs the control API turns; they start from (and reset to) configuration.</summary>
public sealed record FcmSettings(string RevokedBearerToken, int QuotaPerMinute, TimeSpan QuotaWindow, double UnavailableFraction, int RetryAfterSeconds);

/// <summary>
/// What makes FCM say no: the revoked bearer, dead (UNREGISTERED) and foreign (SENDER_ID_MISMATCH) tokens, the
/// fraction of 503s and the per-minute quota, a fixed window counted with Interlocked so 3,000 sends a second
/// never queue on a lock.
/// </summary>
public sealed class FcmControls(IOptions<FcmOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, FcmTokenState> _tokens = new(StringComparer.Ordinal);
    private FcmSettings _settings = FromOptions(options.Value);
    private QuotaWindow? _window;

    public FcmSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set
        {
            var previous = Interlocked.Exchange(ref _settings, value);
            if (previous.QuotaPerMinute != value.QuotaPerMinute || previous.QuotaWindow != value.QuotaWindow)
                Volatile.Write(ref _window, null); // a new quota starts a fresh window
        }
    }

    public FcmTokenState StateOf(string token) => _tokens.GetValueOrDefault(token, FcmTokenState.Valid);

    public void Mark(IEnumerable<string> tokens, FcmTokenState state)
    {
        foreach (var token in tokens)
        {
            if (state == FcmTokenState.Valid) _tokens.TryRemove(token, out _);
            else _tokens[token] = state;
        }
    }

    public IReadOnlyDictionary<string, FcmTokenState> MarkedTokens() => _tokens.ToDictionary(e => e.Key, e => e.Value);

    public bool AnswersUnavailable() => Settings.UnavailableFraction > 0 && Random.Shared.NextDouble() < Settings.UnavailableFraction;

    /// <summary>Takes one message from the quota; null when allowed, else how long until the window refills.</summary>
    public TimeSpan? TakeQuota()
    {
        var settings = Settings;
        if (settings.QuotaPerMinute <= 0) return null;

        var now = clock.GetUtcNow().UtcTicks;
        var window = Volatile.Read(ref _window);
        if (window is null || now >= window.Start + settings.QuotaWindow.Ticks)
        {
            var fresh = new QuotaWindow(now);
            window = Interlocked.CompareExchange(ref _window, fresh, window) == window ? fresh : Volatile.Read(ref _window) ?? fresh;
        }

        if (Interlocked.Increment(ref window.Used) <= settings.QuotaPerMinute) return null;
        return TimeSpan.FromTicks(Math.Max(0, window.Start + settings.QuotaWindow.Ticks - now));
    }

    public void Reset()
    {
        Settings = FromOptions(options.Value);
        _tokens.Clear();
    }

    private static FcmSettings FromOptions(FcmOptions o) =>
        new(o.RevokedBearerToken, o.QuotaPerMinute, o.QuotaWindow, o.UnavailableFraction, o.RetryAfterSeconds);

    private sealed class QuotaWindow(long start)
    {
        public readonly long Start = start;
        public long Used;
    }
}
