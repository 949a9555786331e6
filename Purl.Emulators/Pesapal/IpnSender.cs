using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Purl.Emulators.Pesapal;

/// <param name="Generation">Which reset the job belongs to: jobs from before a reset are dropped, retries included.</param>
public sealed record IpnJob(Guid OrderTrackingId, string MerchantReference, IpnRegistration Ipn, int Copy, int Attempt, long Generation);

/// <summary>
/// Sends IPNs in the background, the way the order's IPN registration asks (GET with query parameters or POST
/// with a JSON body), honouring the IPN mode, and retrying with a doubling delay until the merchant acknowledges
/// or the attempts run out. Every attempt is recorded in <see cref="IpnDeliveries"/>.
/// </summary>
public sealed class IpnSender(
    IpnModes modes,
    IpnDeliveries deliveries,
    IOptions<PesapalOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<IpnSender> logger) : BackgroundService
{
    private const int MaxDetailLength = 500;

    // Not from IHttpClientFactory: its default resilience handler would retry inside what is recorded as one attempt.
    // The sender keeps its own schedule, and a redirect is the merchant's answer, not something to follow.
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly Channel<IpnJob> _queue = Channel.CreateUnbounded<IpnJob>();
    private long _generation;

    /// <summary>Sends the IPN for an order whose payment changed, as the order's (or the global) IPN mode says.</summary>
    public void Notify(PesapalOrder order)
    {
        var job = new IpnJob(order.TrackingId, order.MerchantReference, order.Ipn, Copy: 1, Attempt: 1, Interlocked.Read(ref _generation));
        var setting = modes.For(order.TrackingId);
        switch (setting.Mode)
        {
            case IpnMode.Lost:
                deliveries.Record(job, clock.GetUtcNow().UtcDateTime, 0, IpnOutcome.Dropped, null, "IPN mode 'lost': never sent", willRetry: false);
                break;
            case IpnMode.Late:
                Enqueue(job, setting.LateDelay ?? options.Value.IpnLateDelay);
                break;
            case IpnMode.Duplicate:
                Enqueue(job, TimeSpan.Zero);
                Enqueue(job with { Copy = 2 }, TimeSpan.Zero);
                break;
            default:
                Enqueue(job, TimeSpan.Zero);
                break;
        }
    }

    /// <summary>Forgets queued and scheduled IPNs, retries included.</summary>
    public void Reset() => Interlocked.Increment(ref _generation);

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.IpnConcurrency)).Select(_ => WorkAsync(stoppingToken)));

    private void Enqueue(IpnJob job, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero) _queue.Writer.TryWrite(job);
        else _ = EnqueueLaterAsync(job, delay);
    }

    private async Task EnqueueLaterAsync(IpnJob job, TimeSpan delay)
    {
        try
        {
            // The host's own stopping signal, not a source of ours: the host can ask this service to stop after its
            // services were disposed (seen in the tests' WebApplicationFactory), and cancelling a disposed source throws.
            await Task.Delay(delay, clock, lifetime.ApplicationStopping);
            _queue.Writer.TryWrite(job);
        }
        catch (OperationCanceledException)
        {
            // shutting down: a test double forgets what it had not sent yet
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
                if (job.Generation == Interlocked.Read(ref _generation))
                    await AttemptAsync(job, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task AttemptAsync(IpnJob job, CancellationToken stoppingToken)
    {
        var sentAt = clock.GetUtcNow().UtcDateTime;
        var started = Stopwatch.GetTimestamp();
        var notification = new IpnNotification(job.OrderTrackingId.ToString(), job.MerchantReference, IpnNotification.IpnChange);
        IpnOutcome outcome;
        int? httpStatus = null;
        string? detail;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.IpnTimeout);
        try
        {
            using var request = CreateRequest(job.Ipn, notification);
            using var response = await _http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            httpStatus = (int)response.StatusCode;
            if (response.StatusCode != HttpStatusCode.OK)
                (outcome, detail) = (IpnOutcome.HttpError, Truncate(body));
            else if (IpnAcknowledgement.Problem(body, notification) is { } problem)
                (outcome, detail) = (IpnOutcome.BadReply, $"{problem}: {Truncate(body)}");
            else
                (outcome, detail) = (IpnOutcome.Acknowledged, null);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            (outcome, detail) = (IpnOutcome.TransportError, e is OperationCanceledException ? $"no answer within {options.Value.IpnTimeout}" : e.Message);
        }

        var willRetry = outcome != IpnOutcome.Acknowledged && job.Attempt < options.Value.IpnMaxAttempts;
        deliveries.Record(job, sentAt, Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome, httpStatus, detail, willRetry);
        if (outcome != IpnOutcome.Acknowledged)
            logger.LogInformation("IPN for order {OrderTrackingId} to {Url}, attempt {Attempt}: {Outcome} {Detail}",
                job.OrderTrackingId, job.Ipn.Url, job.Attempt, outcome, detail);
        if (willRetry)
            Enqueue(job with { Attempt = job.Attempt + 1 }, options.Value.IpnRetryDelay * Math.Pow(2, job.Attempt - 1));
    }

    private static HttpRequestMessage CreateRequest(IpnRegistration ipn, IpnNotification notification) =>
        ipn.Type == IpnNotificationType.Post
            ? new HttpRequestMessage(HttpMethod.Post, ipn.Url) { Content = JsonContent.Create(notification) }
            : new HttpRequestMessage(HttpMethod.Get, QueryHelpers.AddQueryString(ipn.Url, notification.ToQuery()));

    private static string Truncate(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
}
