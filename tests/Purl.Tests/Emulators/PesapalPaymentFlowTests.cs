using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Purl.Emulators.Pesapal;

namespace Purl.Tests.Emulators;

/// <summary>The buyer's side: the payment page, the IPN it triggers, the callback redirect, and what the status call says.</summary>
public sealed class PesapalPaymentFlowTests(EmulatorApp emulator) : IClassFixture<EmulatorApp>
{
    private readonly PesapalTestClient _pesapal = new(emulator.CreateClient());

    [Fact]
    public async Task A_new_order_is_pending_payment()
    {
        var ct = TestContext.Current.CancellationToken;
        var trackingId = await _pesapal.SubmitOrderAsync(await _pesapal.RegisterIpnAsync(PesapalTestClient.NowhereIpnUrl, "GET", ct), ct);

        var status = await _pesapal.StatusAsync(trackingId, ct);

        Assert.Equal(HttpStatusCode.OK, status.HttpStatus);
        Assert.Equal(0, status.Json.GetProperty("status_code").GetInt32());
        Assert.Equal("payment_details_not_found", status.ErrorCode);
        Assert.Equal("Pending Payment", status.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(1500m, status.Json.GetProperty("amount").GetDecimal());
        Assert.Equal("KES", status.Text("currency"));
    }

    [Fact]
    public async Task The_payment_page_shows_the_order_and_the_pay_and_fail_buttons()
    {
        var ct = TestContext.Current.CancellationToken;
        var ipnId = await _pesapal.RegisterIpnAsync(PesapalTestClient.NowhereIpnUrl, "GET", ct);
        var order = PesapalTestClient.Order(ipnId, amount: 2350.5m, description: "Kitenge & sandals");
        var submitted = await _pesapal.SubmitAsync(order, ct);

        using var page = await _pesapal.Http.GetAsync(submitted.Text("redirect_url"), ct);
        var html = await page.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("width=device-width", html);
        Assert.Contains(order["id"]!.GetValue<string>(), html);
        Assert.Contains("2,350.50", html);
        Assert.Contains("KES", html);
        Assert.Contains("Kitenge &amp; sandals", html);
        Assert.Contains("""<button id="pay" name="outcome" value="pay" type="submit">Pay</button>""", html);
        Assert.Contains("""<button id="fail" name="outcome" value="fail" type="submit">Fail</button>""", html);
    }

    [Fact]
    public async Task Paying_sends_a_get_ipn_redirects_to_the_callback_and_completes_the_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var merchant = await IpnReceiver.StartAsync(ct);
        var ipnId = await _pesapal.RegisterIpnAsync(merchant.Url, "GET", ct);
        var order = PesapalTestClient.Order(ipnId);
        var trackingId = Guid.Parse((await _pesapal.SubmitAsync(order, ct)).Text("order_tracking_id")!);
        var reference = order["id"]!.GetValue<string>();

        using var clicked = await _pesapal.SubmitPaymentPageAsync(trackingId, "pay", ct);
        var ipn = (await merchant.WaitForAsync(trackingId, 1, ct)).Single();
        var status = await _pesapal.StatusAsync(trackingId, ct);

        Assert.Equal(HttpStatusCode.Redirect, clicked.StatusCode);
        var callback = clicked.Headers.Location!;
        Assert.Equal("https://shop.example/checkout/done", callback.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("42", query["cart"]);
        Assert.Equal(trackingId.ToString(), query["OrderTrackingId"]);
        Assert.Equal(reference, query["OrderMerchantReference"]);
        Assert.Equal("CALLBACKURL", query["OrderNotificationType"]);

        Assert.Equal("GET", ipn.Method);
        Assert.Equal(trackingId.ToString(), ipn.Query["OrderTrackingId"]);
        Assert.Equal(reference, ipn.Query["OrderMerchantReference"]);
        Assert.Equal("IPNCHANGE", ipn.Query["OrderNotificationType"]);

        Assert.Equal(1, status.Json.GetProperty("status_code").GetInt32());
        Assert.Equal("Completed", status.Text("payment_status_description"));
        Assert.Equal("200", status.Text("status"));
        Assert.Equal("MpesaKE", status.Text("payment_method"));
        Assert.Equal("2547*****678", status.Text("payment_account"));
        Assert.Matches("^[A-Z][A-Z0-9]{9}$", status.Text("confirmation_code")!);
    }

    [Fact]
    public async Task A_post_registration_gets_the_ipn_as_a_json_body_with_pascal_case_keys()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var merchant = await IpnReceiver.StartAsync(ct);
        var trackingId = await _pesapal.SubmitOrderAsync(await _pesapal.RegisterIpnAsync(merchant.Url, "POST", ct), ct);

        using var _ = await _pesapal.SubmitPaymentPageAsync(trackingId, "pay", ct);
        var ipn = (await merchant.WaitForAsync(trackingId, 1, ct)).Single();

        Assert.Equal("POST", ipn.Method);
        Assert.Equal("application/json", ipn.ContentType.Split(';')[0]);
        Assert.Empty(ipn.Query);
        Assert.Contains("\"OrderTrackingId\":", ipn.Body);
        Assert.Contains("\"OrderMerchantReference\":", ipn.Body);
        Assert.Equal("IPNCHANGE", ipn.Keys["OrderNotificationType"]);
        Assert.Equal(trackingId.ToString(), ipn.Keys["OrderTrackingId"]);
    }

    [Fact]
    public async Task Failing_sends_the_ipn_and_the_status_says_failed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var merchant = await IpnReceiver.StartAsync(ct);
        var trackingId = await _pesapal.SubmitOrderAsync(await _pesapal.RegisterIpnAsync(merchant.Url, "GET", ct), ct);

        using var clicked = await _pesapal.SubmitPaymentPageAsync(trackingId, "fail", ct);
        await merchant.WaitForAsync(trackingId, 1, ct);
        var status = await _pesapal.StatusAsync(trackingId, ct);

        Assert.Equal(HttpStatusCode.Redirect, clicked.StatusCode);
        Assert.Equal(2, status.Json.GetProperty("status_code").GetInt32());
        Assert.Equal("Failed", status.Text("payment_status_description"));
        Assert.Equal("", status.Text("confirmation_code"));
    }

    [Fact]
    public async Task A_second_click_on_a_paid_order_changes_nothing_and_sends_no_second_ipn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var merchant = await IpnReceiver.StartAsync(ct);
        var trackingId = await _pesapal.SubmitOrderAsync(await _pesapal.RegisterIpnAsync(merchant.Url, "GET", ct), ct);

        using var paid = await _pesapal.SubmitPaymentPageAsync(trackingId, "pay", ct);
        await merchant.WaitForAsync(trackingId, 1, ct);
        using var failed = await _pesapal.SubmitPaymentPageAsync(trackingId, "fail", ct);
        await Task.Delay(300, ct);
        var status = await _pesapal.StatusAsync(trackingId, ct);

        Assert.Equal(HttpStatusCode.Redirect, failed.StatusCode);
        Assert.Single(merchant.For(trackingId));
        Assert.Equal(1, status.Json.GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task The_control_api_completes_an_order_without_the_page_and_the_ipn_still_goes_out()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var merchant = await IpnReceiver.StartAsync(ct);
        var trackingId = await _pesapal.SubmitOrderAsync(await _pesapal.RegisterIpnAsync(merchant.Url, "GET", ct), ct);

        using var completed = await _pesapal.Http.PostAsync($"/_emulator/pesapal/orders/{trackingId}/complete", null, ct);
        using var again = await _pesapal.Http.PostAsync($"/_emulator/pesapal/orders/{trackingId}/fail", null, ct);
        await merchant.WaitForAsync(trackingId, 1, ct);

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, (await _pesapal.StatusAsync(trackingId, ct)).Json.GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task A_paid_order_page_shows_its_state_instead_of_the_buttons()
    {
        var ct = TestContext.Current.CancellationToken;
        var trackingId = await _pesapal.SubmitOrderAsync(await _pesapal.RegisterIpnAsync(PesapalTestClient.NowhereIpnUrl, "GET", ct), ct);
        using var _ = await _pesapal.Http.PostAsync($"/_emulator/pesapal/orders/{trackingId}/complete", null, ct);

        var html = await _pesapal.Http.GetStringAsync(PesapalRoutes.PaymentPagePath(trackingId), ct);

        Assert.DoesNotContain("id=\"pay\"", html);
        Assert.Contains("This order is completed.", html);
    }
}
