using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.ServiceDiscovery;
using Purl.Api.Client.Analytics;
using Purl.Web.Api;
using Purl.Web.Auth;

namespace Purl.Web.Live;

/// <summary>
/// This circuit's line to the API's vendor hub: joined with the vendor's own token (so the hub puts it in that store's
/// group only), started when a component first listens, and closed with the circuit. Notices are raised as events;
/// components re-render with <c>InvokeAsync(StateHasChanged)</c>.
/// </summary>
public sealed class VendorLiveFeed(VendorSession session, ServiceEndpointResolver endpoints, ILogger<VendorLiveFeed> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private HubConnection? _connection;

    /// <summary>A new order (waiting for payment), a payment result, or a status change of one of this store's orders.</summary>
    public event Func<LiveNotice, Task>? Received;

    /// <summary>Raised when the line to the hub goes down or comes back, so a badge can say "live" honestly.</summary>
    public event Func<Task>? StateChanged;

    /// <summary>Orders paid since the vendor last looked at the orders page.</summary>
    public int UnseenPaidOrders { get; private set; }

    public bool IsLive => _connection?.State == HubConnectionState.Connected;

    public void MarkSeen() => UnseenPaidOrders = 0;

    public async Task EnsureStartedAsync(CancellationToken ct = default)
    {
        if (_connection is not null) return;
        await _starting.WaitAsync(ct);
        try
        {
            if (_connection is not null) return;
            var hubUrl = new Uri(await ResolveApiAsync(ct), AnalyticsRoutes.VendorHub);
            var connection = new HubConnectionBuilder()
                .WithUrl(hubUrl, options => options.AccessTokenProvider = async () => await session.GetAccessTokenAsync(CancellationToken.None))
                .WithAutomaticReconnect()
                .Build();
            connection.On<OrderNotice>(VendorHubMessages.OrderPlaced, notice => RaiseAsync(new LiveNotice(VendorHubMessages.OrderPlaced, notice)));
            connection.On<OrderNotice>(VendorHubMessages.PaymentCompleted, notice => RaiseAsync(new LiveNotice(VendorHubMessages.PaymentCompleted, notice)));
            connection.On<OrderNotice>(VendorHubMessages.OrderStatusChanged, notice => RaiseAsync(new LiveNotice(VendorHubMessages.OrderStatusChanged, notice)));
            connection.Reconnecting += _ => RaiseStateChangedAsync();
            connection.Reconnected += _ => RaiseStateChangedAsync();
            connection.Closed += _ => RaiseStateChangedAsync();
            _connection = connection;
            try
            {
                await connection.StartAsync(ct);
                await connection.InvokeAsync<bool>(VendorHubMethods.Joined, ct);
            }
            catch (Exception e) when (e is HttpRequestException or WebSocketException or TimeoutException)
            {
                // The dashboard works without live updates; keep trying in the background.
                logger.LogWarning(e, "Could not join the vendor hub at {Url}; retrying", hubUrl);
                _ = RetryStartAsync(connection);
            }
            await RaiseStateChangedAsync();
        }
        finally
        {
            _starting.Release();
        }
    }

    private async Task RetryStartAsync(HubConnection connection)
    {
        for (var delay = TimeSpan.FromSeconds(1); connection.State == HubConnectionState.Disconnected && _connection == connection; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30)))
        {
            await Task.Delay(delay);
            try
            {
                await connection.StartAsync();
                await connection.InvokeAsync<bool>(VendorHubMethods.Joined);
                await RaiseStateChangedAsync();
            }
            catch (Exception e) when (e is HttpRequestException or WebSocketException or TimeoutException or InvalidOperationException)
            {
                logger.LogDebug(e, "Vendor hub still unreachable");
            }
            catch (SessionExpiredException)
            {
                return;
            }
        }
    }

    private async Task<Uri> ResolveApiAsync(CancellationToken ct)
    {
        var source = await endpoints.GetEndpointsAsync(ApiClients.BaseAddress.ToString(), ct);
        var endpoint = source.Endpoints.FirstOrDefault()?.EndPoint
            ?? throw new InvalidOperationException("Service discovery found no endpoint for the API (services:api:http:0).");
        return endpoint switch
        {
            IPEndPoint ip => new Uri($"http://{ip}"),
            DnsEndPoint dns => new Uri($"http://{dns.Host}:{dns.Port}"),
            _ => new Uri(endpoint.ToString()!),
        };
    }

    private async Task RaiseAsync(LiveNotice notice)
    {
        if (notice.Kind == VendorHubMessages.PaymentCompleted) UnseenPaidOrders++;
        if (Received is { } handlers)
            foreach (var handler in handlers.GetInvocationList().Cast<Func<LiveNotice, Task>>())
                await handler(notice);
    }

    private async Task RaiseStateChangedAsync()
    {
        if (StateChanged is { } handlers)
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
                await handler();
    }

    public async ValueTask DisposeAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null) await connection.DisposeAsync();
        _starting.Dispose();
    }
}

/// <param name="Kind">One of <see cref="VendorHubMessages"/>.</param>
public sealed record LiveNotice(string Kind, OrderNotice Order);
