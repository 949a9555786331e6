namespace Purl.Core.Payments.Pesapal;

/// <summary>
/// The one bearer token this process uses, renewed before it expires (Pesapal's live at most 5 minutes). Renewal is
/// single-flight: when it is due, one caller asks Pesapal and the others wait for that answer instead of asking too.
/// </summary>
public sealed class PesapalTokens(TimeProvider clock, Microsoft.Extensions.Options.IOptions<PesapalOptions> options)
{
    /// <summary>Pesapal's tokens never live longer than this, whatever expiryDate says.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _renewal = new(1, 1);
    private Cached? _current;

    private sealed record Cached(string Token, DateTimeOffset RenewAt);

    public async Task<PesapalCall<string>> GetAsync(Func<CancellationToken, Task<PesapalCall<TokenResponse>>> request, CancellationToken ct)
    {
        if (Fresh() is { } token) return token;
        await _renewal.WaitAsync(ct);
        try
        {
            if (Fresh() is { } renewed) return renewed;
            var asked = clock.GetUtcNow();
            var answer = await request(ct);
            if (answer.Failure is { } failure) return failure;
            var response = answer.Value!;
            if (string.IsNullOrEmpty(response.Token))
                return PesapalFailure.Rejected(response.Error?.Code ?? "no_token", response.Error?.Message ?? response.Message ?? "RequestToken answered without a token.");

            var expires = ParseExpiry(response.ExpiryDate) is { } stated && stated < asked + MaxLifetime ? stated : asked + MaxLifetime;
            var life = expires - asked;
            var margin = TimeSpan.FromTicks(Math.Min(options.Value.TokenRenewBefore.Ticks, life.Ticks / 5));
            Volatile.Write(ref _current, new Cached(response.Token, expires - margin));
            return response.Token;
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> after Pesapal refused it, unless another caller already replaced it.</summary>
    public void Invalidate(string token)
    {
        var current = Volatile.Read(ref _current);
        if (current?.Token == token) Interlocked.CompareExchange(ref _current, null, current);
    }

    private string? Fresh()
    {
        var current = Volatile.Read(ref _current);
        return current is not null && clock.GetUtcNow() < current.RenewAt ? current.Token : null;
    }

    private static DateTimeOffset? ParseExpiry(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}
