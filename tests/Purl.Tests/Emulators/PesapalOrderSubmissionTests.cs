using System.Net;
using System.Text.Json.Nodes;
using Purl.Emulators.Pesapal;

namespace Purl.Tests.Emulators;

public sealed class PesapalOrderSubmissionTests(EmulatorApp emulator) : IClassFixture<EmulatorApp>
{
    private readonly PesapalTestClient _pesapal = new(emulator.CreateClient());

    [Fact]
    public async Task An_order_gets_a_tracking_id_and_a_redirect_url_to_the_payment_page_on_the_emulator()
    {
        var ct = TestContext.Current.CancellationToken;
        var ipnId = await _pesapal.RegisterIpnAsync(PesapalTestClient.NowhereIpnUrl, "GET", ct);
        var order = PesapalTestClient.Order(ipnId);

        var answer = await _pesapal.SubmitAsync(order, ct);

        Assert.Equal(HttpStatusCode.OK, answer.HttpStatus);
        Assert.Equal("200", answer.Text("status"));
        Assert.Equal(order["id"]!.GetValue<string>(), answer.Text("merchant_reference"));
        var trackingId = Guid.Parse(answer.Text("order_tracking_id")!);
        Assert.Equal(new Uri(emulator.BaseAddress, PesapalRoutes.PaymentPagePath(trackingId)), new Uri(answer.Text("redirect_url")!));
    }

    [Fact]
    public async Task A_merchant_reference_is_used_once_even_when_submitted_concurrently()
    {
        var ct = TestContext.Current.CancellationToken;
        var ipnId = await _pesapal.RegisterIpnAsync(PesapalTestClient.NowhereIpnUrl, "GET", ct);
        var reference = PesapalTestClient.NewReference();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _pesapal.SubmitAsync(PesapalTestClient.Order(ipnId, reference), ct)));

        Assert.Single(answers, a => a.HttpStatus == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.HttpStatus != HttpStatusCode.OK), a => Assert.Equal("duplicate_merchant_reference", a.ErrorCode));
    }

    public static TheoryData<string, string> BadOrders => new()
    {
        { "reference of 51 characters", "invalid_merchant_reference" },
        { "description of 101 characters", "invalid_description" },
        { "unknown notification_id", "invalid_notification_id" },
        { "amount of zero", "invalid_amount" },
        { "negative amount", "invalid_amount" },
        { "unsupported currency", "invalid_currency" },
        { "no callback_url", "invalid_callback_url" },
        { "billing address without email or phone", "invalid_billing_address" },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task An_invalid_order_is_refused_naming_the_problem(string problem, string code)
    {
        var ct = TestContext.Current.CancellationToken;
        var order = PesapalTestClient.Order(await _pesapal.RegisterIpnAsync(PesapalTestClient.NowhereIpnUrl, "GET", ct));
        switch (problem)
        {
            case "reference of 51 characters": order["id"] = new string('r', 51); break;
            case "description of 101 characters": order["description"] = new string('d', 101); break;
            case "unknown notification_id": order["notification_id"] = Guid.NewGuid().ToString(); break;
            case "amount of zero": order["amount"] = 0; break;
            case "negative amount": order["amount"] = -5; break;
            case "unsupported currency": order["currency"] = "XYZ"; break;
            case "no callback_url": order.Remove("callback_url"); break;
            case "billing address without email or phone": order["billing_address"] = new JsonObject { ["first_name"] = "Wanjiku" }; break;
        }

        var answer = await _pesapal.SubmitAsync(order, ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.HttpStatus);
        Assert.Equal("400", answer.Text("status"));
        Assert.Equal(code, answer.ErrorCode);
        Assert.Null(answer.Text("order_tracking_id"));
    }

    [Fact]
    public async Task The_longest_allowed_reference_and_description_are_accepted()
    {
        var ct = TestContext.Current.CancellationToken;
        var order = PesapalTestClient.Order(await _pesapal.RegisterIpnAsync(PesapalTestClient.NowhereIpnUrl, "GET", ct),
            reference: Guid.NewGuid().ToString("N") + new string('x', 18), description: new string('d', 100));

        var answer = await _pesapal.SubmitAsync(order, ct);

        Assert.Equal(HttpStatusCode.OK, answer.HttpStatus);
    }

    [Fact]
    public async Task Status_of_an_unknown_order_is_not_found()
    {
        var answer = await _pesapal.StatusAsync(Guid.NewGuid(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, answer.HttpStatus);
        Assert.Equal("order_not_found", answer.ErrorCode);
    }
}
