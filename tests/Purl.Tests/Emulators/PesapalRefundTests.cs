using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Purl.Emulators.Pesapal;

namespace Purl.Tests.Emulators;

/// <summary>Refunds (completed payments only, at most the amount paid, mobile money in full, once) and cancellations.</summary>
public sealed class PesapalRefundTests(EmulatorApp emulator) : IClassFixture<EmulatorApp>
{
    private readonly PesapalTestClient _pesapal = new(emulator.CreateClient());

    [Fact]
    public async Task A_full_refund_of_a_completed_payment_is_accepted_and_the_payment_is_reversed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (trackingId, code) = await CompletedOrderAsync(PaymentMethods.Mpesa, ct);

        var refund = await RefundAsync(code, 1500m, ct);
        var status = await _pesapal.StatusAsync(trackingId, ct);

        Assert.Equal(HttpStatusCode.OK, refund.HttpStatus);
        Assert.Equal("200", refund.Text("status"));
        Assert.Equal(3, status.Json.GetProperty("status_code").GetInt32());
        Assert.Equal("Reversed", status.Text("payment_status_description"));
    }

    [Fact]
    public async Task A_payment_is_refunded_only_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, code) = await CompletedOrderAsync(PaymentMethods.Visa, ct);

        var first = await RefundAsync(code, 500m, ct);
        var second = await RefundAsync(code, 500m, ct);

        Assert.Equal("200", first.Text("status"));
        Assert.Equal("500", second.Text("status"));
        Assert.Equal(HttpStatusCode.OK, second.HttpStatus);
    }

    [Fact]
    public async Task A_refund_above_the_amount_paid_is_rejected_and_the_payment_stays_completed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (trackingId, code) = await CompletedOrderAsync(PaymentMethods.Visa, ct);

        var refund = await RefundAsync(code, 1500.01m, ct);

        Assert.Equal("500", refund.Text("status"));
        Assert.Equal(1, (await _pesapal.StatusAsync(trackingId, ct)).Json.GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task Mobile_money_is_refunded_only_in_full_while_a_card_can_be_refunded_in_part()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, mpesa) = await CompletedOrderAsync(PaymentMethods.Mpesa, ct);
        var (_, card) = await CompletedOrderAsync(PaymentMethods.Visa, ct);

        var partialMpesa = await RefundAsync(mpesa, 700m, ct);
        var partialCard = await RefundAsync(card, 700m, ct);

        Assert.Equal("500", partialMpesa.Text("status"));
        Assert.Equal("200", partialCard.Text("status"));
    }

    [Fact]
    public async Task The_amount_may_come_as_a_string()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, code) = await CompletedOrderAsync(PaymentMethods.Mpesa, ct);

        var refund = await _pesapal.PostAsync(PesapalRoutes.RefundRequest,
            new JsonObject { ["confirmation_code"] = code, ["amount"] = "1500.00", ["username"] = "ops@purl", ["remarks"] = "Out of stock" }, ct);

        Assert.Equal("200", refund.Text("status"));
    }

    [Fact]
    public async Task A_failed_payment_has_no_confirmation_code_to_refund_and_an_unknown_code_is_rejected()
    {
        var ct = TestContext.Current.CancellationToken;
        var trackingId = await _pesapal.SubmitOrderAsync(await _pesapal.RegisterIpnAsync(PesapalTestClient.NowhereIpnUrl, "GET", ct), ct);
        using var _ = await _pesapal.Http.PostAsync($"/_emulator/pesapal/orders/{trackingId}/fail", null, ct);

        var status = await _pesapal.StatusAsync(trackingId, ct);
        var refund = await RefundAsync("NOSUCHCODE", 1500m, ct);

        Assert.Equal("", status.Text("confirmation_code"));
        Assert.Equal("500", refund.Text("status"));
    }

    [Fact]
    public async Task A_pending_order_can_be_cancelled_and_then_cannot_be_paid()
    {
        var ct = TestContext.Current.CancellationToken;
        var trackingId = await _pesapal.SubmitOrderAsync(await _pesapal.RegisterIpnAsync(PesapalTestClient.NowhereIpnUrl, "GET", ct), ct);

        var cancelled = await _pesapal.PostAsync(PesapalRoutes.CancelOrder, new JsonObject { ["order_tracking_id"] = trackingId.ToString() }, ct);
        using var clicked = await _pesapal.SubmitPaymentPageAsync(trackingId, "pay", ct);
        var status = await _pesapal.StatusAsync(trackingId, ct);

        Assert.Equal("200", cancelled.Text("status"));
        Assert.Equal(HttpStatusCode.Redirect, clicked.StatusCode);
        Assert.Equal(0, status.Json.GetProperty("status_code").GetInt32());
        Assert.Equal("order_cancelled", status.ErrorCode);
    }

    [Fact]
    public async Task A_completed_order_cannot_be_cancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        var (trackingId, _) = await CompletedOrderAsync(PaymentMethods.Mpesa, ct);

        var cancelled = await _pesapal.PostAsync(PesapalRoutes.CancelOrder, new JsonObject { ["order_tracking_id"] = trackingId.ToString() }, ct);

        Assert.Equal("500", cancelled.Text("status"));
        Assert.Equal(1, (await _pesapal.StatusAsync(trackingId, ct)).Json.GetProperty("status_code").GetInt32());
    }

    private async Task<(Guid TrackingId, string ConfirmationCode)> CompletedOrderAsync(string method, CancellationToken ct)
    {
        var trackingId = await _pesapal.SubmitOrderAsync(await _pesapal.RegisterIpnAsync(PesapalTestClient.NowhereIpnUrl, "GET", ct), ct);
        using var completed = await _pesapal.Http.PostAsJsonAsync($"/_emulator/pesapal/orders/{trackingId}/complete", new { method }, ct);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var status = await _pesapal.StatusAsync(trackingId, ct);
        Assert.Equal(method, status.Text("payment_method"));
        return (trackingId, status.Text("confirmation_code")!);
    }

    private async Task<PesapalAnswer> RefundAsync(string code, decimal amount, CancellationToken ct) =>
        await _pesapal.PostAsync(PesapalRoutes.RefundRequest,
            new JsonObject { ["confirmation_code"] = code, ["amount"] = amount, ["username"] = "ops@purl", ["remarks"] = "Buyer returned the item" }, ct);
}
