using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Purl.Tests.Emulators;

/// <summary>One notification as the merchant received it.</summary>
public sealed record ReceivedIpn(string Method, IReadOnlyDictionary<string, string> Query, string Body, string ContentType, DateTime ReceivedAt)
{
    /// <summary>The notification's keys, from the query string (GET) or the JSON body (POST).</summary>
    public IReadOnlyDictionary<string, string> Keys =>
        Method == "GET" ? Query : JsonSerializer.Deserialize<Dictionary<string, string>>(Body)!;

    public string TrackingId => Keys["OrderTrackingId"];
}

/// <summary>
/// A merchant's IPN endpoint on a real loopback port: records what arrives and answers as Pesapal expects, unless a
/// test asks for another answer for an order (a 500, a wrong body) to see the emulator retry.
/// </summary>
public sealed class IpnReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedIpn> _received = new();
    private readonly ConcurrentDictionary<string, Func<int, (int Status, string Body)>> _replies = new();

    private IpnReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static async Task<IpnReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var receiver = new IpnReceiver(builder.Build());
        receiver._app.Map("/ipn", receiver.HandleAsync);
        await receiver._app.StartAsync(cancellationToken);
        receiver.Url = receiver._app.Urls.Single() + "/ipn";
        return receiver;
    }

    /// <summary>For this order, answer the n-th notification (1-based) with what <paramref name="reply"/> gives.</summary>
    public void ReplyFor(Guid trackingId, Func<int, (int Status, string Body)> reply) => _replies[trackingId.ToString()] = reply;

    public IReadOnlyList<ReceivedIpn> For(Guid trackingId) =>
        [.. _received.Where(ipn => ipn.TrackingId == trackingId.ToString())];

    /// <summary>Waits until at least <paramref name="count"/> notifications for the order arrived; fails the test after the timeout.</summary>
    public async Task<IReadOnlyList<ReceivedIpn>> WaitForAsync(Guid trackingId, int count, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var received = For(trackingId);
            if (received.Count >= count) return received;
            await Task.Delay(25, cancellationToken);
        }
        throw new TimeoutException($"Expected {count} IPN(s) for {trackingId}, got {For(trackingId).Count}.");
    }

    public static string Acknowledgement(ReceivedIpn ipn) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["orderNotificationType"] = ipn.Keys["OrderNotificationType"],
            ["orderTrackingId"] = ipn.Keys["OrderTrackingId"],
            ["orderMerchantReference"] = ipn.Keys["OrderMerchantReference"],
            ["status"] = 200,
        });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var ipn = new ReceivedIpn(context.Request.Method, context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            await reader.ReadToEndAsync(context.RequestAborted), context.Request.ContentType ?? "", DateTime.UtcNow);
        _received.Enqueue(ipn);

        var (status, body) = _replies.TryGetValue(ipn.TrackingId, out var reply)
            ? reply(For(Guid.Parse(ipn.TrackingId)).Count)
            : (200, Acknowledgement(ipn));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
