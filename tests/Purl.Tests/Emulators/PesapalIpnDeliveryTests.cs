using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Purl.Emulators.Pesapal;

namespace Purl.Tests.Emulators;

/// <summary>How IPNs go out: duplicated, late or lost on request, and retried until the merchant acknowledges.</summary>
public sealed class PesapalIpnDeliveryTests(EmulatorApp emulator) : IClassFixture<EmulatorApp>
{
    private readonly PesapalTestClient _pesapal = new(emulator.CreateClient());

    [Fact]
    public async Task In_duplicate_mode_the_ipn_arrives_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var merchant = await IpnReceiver.StartAsync(ct);
        var trackingId = await NewOrderAsync(merchant, ct);
        await SetModeAsync(trackingId, new { mode = "duplicate" }, ct);

        await PayAsync(trackingId, ct);
        var received = await merchant.WaitForAsync(trackingId, 2, ct);
        await Task.Delay(300, ct);

        Assert.Equal(2, merchant.For(trackingId).Count);
        Assert.All(received, ipn => Assert.Equal("IPNCHANGE", ipn.Keys["OrderNotificationType"]));
        Assert.Equal([1, 2], (await DeliveriesAsync(trackingId, ct)).Select(d => d.GetProperty("copy").GetInt32()).Order());
    }

    [Fact]
    public async Task In_lost_mode_no_ipn_arrives_and_the_drop_is_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var merchant = await IpnReceiver.StartAsync(ct);
        var trackingId = await NewOrderAsync(merchant, ct);
        await SetModeAsync(trackingId, new { mode = "lost" }, ct);

        await PayAsync(trackingId, ct);
        await Task.Delay(1000, ct);

        Assert.Empty(merchant.For(trackingId));
        var delivery = Assert.Single(await DeliveriesAsync(trackingId, ct));
        Assert.Equal("dropped", delivery.GetProperty("outcome").GetString());
        Assert.Equal(1, (await _pesapal.StatusAsync(trackingId, ct)).Json.GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task In_late_mode_the_ipn_arrives_only_after_the_delay()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var merchant = await IpnReceiver.StartAsync(ct);
        var trackingId = await NewOrderAsync(merchant, ct);
        await SetModeAsync(trackingId, new { mode = "late", lateDelayMs = 1500 }, ct);

        var paidAt = DateTime.UtcNow;
        await PayAsync(trackingId, ct);
        await Task.Delay(700, ct);
        var early = merchant.For(trackingId).Count;
        var ipn = (await merchant.WaitForAsync(trackingId, 1, ct)).Single();

        Assert.Equal(0, early);
        Assert.True(ipn.ReceivedAt - paidAt >= TimeSpan.FromMilliseconds(1400), $"arrived after {(ipn.ReceivedAt - paidAt).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task The_global_mode_applies_to_orders_without_their_own()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var merchant = await IpnReceiver.StartAsync(ct);
        var trackingId = await NewOrderAsync(merchant, ct);

        using var set = await _pesapal.Http.PutAsJsonAsync("/_emulator/pesapal/ipn-mode", new { mode = "duplicate" }, ct);
        try
        {
            await PayAsync(trackingId, ct);
            await merchant.WaitForAsync(trackingId, 2, ct);
        }
        finally
        {
            using var _ = await _pesapal.Http.PutAsJsonAsync("/_emulator/pesapal/ipn-mode", new { mode = "normal" }, ct);
        }

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(2, merchant.For(trackingId).Count);
    }

    [Fact]
    public async Task An_ipn_answered_with_500_is_retried_until_acknowledged_and_every_attempt_is_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var merchant = await IpnReceiver.StartAsync(ct);
        var trackingId = await NewOrderAsync(merchant, ct);
        merchant.ReplyFor(trackingId, n => n <= 2 ? (500, "{\"status\":500}") : (200, IpnReceiver.Acknowledgement(merchant.For(trackingId)[0])));

        await PayAsync(trackingId, ct);
        await merchant.WaitForAsync(trackingId, 3, ct);
        var deliveries = await WaitForDeliveriesAsync(trackingId, 3, ct);

        Assert.Equal(["http_error", "http_error", "acknowledged"], deliveries.Select(d => d.GetProperty("outcome").GetString()));
        Assert.Equal([1, 2, 3], deliveries.Select(d => d.GetProperty("attempt").GetInt32()));
        Assert.Equal(500, deliveries[0].GetProperty("httpStatus").GetInt32());
        Assert.False(deliveries[2].GetProperty("willRetry").GetBoolean());
    }

    [Fact]
    public async Task A_reply_whose_status_is_a_string_is_not_an_acknowledgement()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var merchant = await IpnReceiver.StartAsync(ct);
        var trackingId = await NewOrderAsync(merchant, ct);
        merchant.ReplyFor(trackingId, n => n == 1
            ? (200, IpnReceiver.Acknowledgement(merchant.For(trackingId)[0]).Replace("\"status\":200", "\"status\":\"200\""))
            : (200, IpnReceiver.Acknowledgement(merchant.For(trackingId)[0])));

        await PayAsync(trackingId, ct);
        var deliveries = await WaitForDeliveriesAsync(trackingId, 2, ct);

        Assert.Equal(["bad_reply", "acknowledged"], deliveries.Select(d => d.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task An_ipn_nobody_acknowledges_is_given_up_after_the_configured_attempts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var merchant = await IpnReceiver.StartAsync(ct);
        var trackingId = await NewOrderAsync(merchant, ct);
        merchant.ReplyFor(trackingId, _ => (503, "down"));

        await PayAsync(trackingId, ct);
        var deliveries = await WaitForDeliveriesAsync(trackingId, 4, ct);
        await Task.Delay(1500, ct);

        Assert.Equal(4, merchant.For(trackingId).Count);
        Assert.Equal(4, (await DeliveriesAsync(trackingId, ct)).Count);
        Assert.False(deliveries[^1].GetProperty("willRetry").GetBoolean());
    }

    private async Task<Guid> NewOrderAsync(IpnReceiver merchant, CancellationToken ct) =>
        await _pesapal.SubmitOrderAsync(await _pesapal.RegisterIpnAsync(merchant.Url, "GET", ct), ct);

    private async Task SetModeAsync(Guid trackingId, object mode, CancellationToken ct)
    {
        using var response = await _pesapal.Http.PutAsJsonAsync($"/_emulator/pesapal/orders/{trackingId}/ipn-mode", mode, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task PayAsync(Guid trackingId, CancellationToken ct)
    {
        using var response = await _pesapal.SubmitPaymentPageAsync(trackingId, "pay", ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<List<JsonElement>> DeliveriesAsync(Guid trackingId, CancellationToken ct) =>
        (await _pesapal.Http.GetFromJsonAsync<List<JsonElement>>($"/_emulator/pesapal/ipn-deliveries?orderTrackingId={trackingId}", ct))!;

    private async Task<List<JsonElement>> WaitForDeliveriesAsync(Guid trackingId, int count, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var deliveries = await DeliveriesAsync(trackingId, ct);
            if (deliveries.Count >= count || DateTime.UtcNow > deadline) return deliveries;
            await Task.Delay(50, ct);
        }
    }
}
