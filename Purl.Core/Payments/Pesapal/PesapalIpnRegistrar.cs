using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Purl.Core.Data;

namespace Purl.Core.Payments.Pesapal;

/// <summary>
/// Our IPN URL's <c>ipn_id</c>, registered with Pesapal once and kept in <c>pesapal_ipn_registrations</c>, so every
/// instance and every restart sends the same <c>notification_id</c>. A new URL gets a registration of its own; an id
/// Pesapal no longer knows (its list lacks it, or SubmitOrderRequest refuses it) is replaced.
/// </summary>
public sealed partial class PesapalIpnRegistrar(
    IServiceScopeFactory scopes, PurlPublicAddress address, IOptions<PesapalOptions> options, ILogger<PesapalIpnRegistrar> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Known? _known;

    private sealed record Known(string Url, Guid IpnId);

    /// <summary>The id to send with orders; registers (or finds the stored registration) the first time.</summary>
    public async Task<PesapalCall<Guid>> GetIpnIdAsync(CancellationToken ct)
    {
        if (address.IpnUrl is not { } url)
            return PesapalFailure.Unavailable("no_public_address", "Purl.Api does not know its public address yet (Pesapal:PublicBaseUrl).", TimeSpan.FromSeconds(5));
        if (Volatile.Read(ref _known) is { } known && known.Url == url) return known.IpnId;
        return await EnsureAsync(url, verify: false, stale: null, ct);
    }

    /// <summary>At start: checks the stored id against Pesapal's list and registers again if Pesapal forgot it.</summary>
    public Task<PesapalCall<Guid>> VerifyAsync(CancellationToken ct) =>
        address.IpnUrl is { } url ? EnsureAsync(url, verify: true, stale: null, ct)
        : Task.FromResult<PesapalCall<Guid>>(PesapalFailure.Unavailable("no_public_address", "Purl.Api does not know its public address yet.", TimeSpan.FromSeconds(5)));

    /// <summary>After Pesapal refused <paramref name="stale"/> as a notification_id: registers again.</summary>
    public Task<PesapalCall<Guid>> ReplaceAsync(Guid stale, CancellationToken ct) =>
        address.IpnUrl is { } url ? EnsureAsync(url, verify: false, stale, ct)
        : Task.FromResult<PesapalCall<Guid>>(PesapalFailure.Unavailable("no_public_address", "Purl.Api does not know its public address yet.", TimeSpan.FromSeconds(5)));

    private async Task<PesapalCall<Guid>> EnsureAsync(string url, bool verify, Guid? stale, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!verify && stale is null && Volatile.Read(ref _known) is { } known && known.Url == url) return known.IpnId;
            var type = options.Value.IpnNotificationType;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PurlDbContext>();
            var pesapal = scope.ServiceProvider.GetRequiredService<PesapalClient>();

            var stored = await db.PesapalIpnRegistrations.AsNoTracking()
                .Where(r => r.Url == url && r.NotificationType == type).Select(r => (Guid?)r.IpnId).FirstOrDefaultAsync(ct);
            if (stored is { } id && id != stale)
            {
                if (!verify) return Remember(url, id);
                var list = await pesapal.GetIpnListAsync(ct);
                if (list.Failure is { } failure) return failure;
                if (list.Value!.Any(r => Guid.TryParse(r.IpnId, out var listed) && listed == id)) return Remember(url, id);
                LogForgotten(id, url);
                stale = id;
            }

            var registered = await pesapal.RegisterIpnAsync(url, type, ct);
            if (registered.Failure is { } refused) return refused;
            var ipnId = Guid.Parse(registered.Value!.IpnId!);
            // Two instances starting together may both register: the first row stored wins and both use it.
            await db.ExecuteAsync("""
                INSERT INTO pesapal_ipn_registrations (url, notification_type, ipn_id, registered_at) VALUES ($1, $2, $3, now())
                ON CONFLICT (url, notification_type) DO UPDATE SET ipn_id = excluded.ipn_id, registered_at = now()
                WHERE pesapal_ipn_registrations.ipn_id = $4
                """, ct, url, type, ipnId, stale ?? Guid.Empty);
            var kept = await db.PesapalIpnRegistrations.AsNoTracking()
                .Where(r => r.Url == url && r.NotificationType == type).Select(r => r.IpnId).FirstAsync(ct);
            LogRegistered(url, type, kept);
            return Remember(url, kept);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Guid Remember(string url, Guid ipnId)
    {
        Volatile.Write(ref _known, new Known(url, ipnId));
        return ipnId;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pesapal IPN URL {Url} ({Type}) is registered as {IpnId}")]
    private partial void LogRegistered(string url, string type, Guid ipnId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pesapal no longer lists IPN id {IpnId} for {Url}; registering again")]
    private partial void LogForgotten(Guid ipnId, string url);
}

/// <summary>Registers the IPN URL once the API listens (its address is known then), retrying until Pesapal answers.</summary>
public sealed partial class PesapalIpnSetup(
    PesapalIpnRegistrar registrar, IHostApplicationLifetime lifetime, IOptions<PesapalOptions> options, ILogger<PesapalIpnSetup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ConsumerKey.Length == 0)
        {
            LogNotConfigured();
            return;
        }
        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                await started.Task.WaitAsync(stoppingToken);
            for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
            {
                string error;
                try
                {
                    var result = await registrar.VerifyAsync(stoppingToken);
                    if (result.Failure is null) return;
                    error = result.Failure.Message;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A background service that throws stops the host: a database hiccup must not take the API down.
                    error = e.Message;
                }
                if (attempt == 1) LogNotYet(error);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pesapal is not configured (Pesapal:ConsumerKey): no IPN URL registered, payments answer 503")]
    private partial void LogNotConfigured();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pesapal IPN URL not registered yet, retrying in the background: {Error}")]
    private partial void LogNotYet(string error);
}
