using System.Net;
using System.Text.Json;
using Purl.Api.Client.Orders;
using Refit;

namespace Purl.Tests.Checkout;

public sealed class PaymentStartTests(CheckoutAppWithoutWorkers app) : IClassFixture<CheckoutAppWithoutWorkers>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_identical_payment_requests_in_flight_start_one_payment_at_pesapal()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 5);
        var (buyer, order) = await app.CheckedOutAsync(shirt, quantity: 2);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            using var response = await app.OrdersOf(buyer).PayAsync(order.Id, key, new PayOrderRequest(), Ct);
            return (response.StatusCode, Body: response.Content);
        }, Ct)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var payment = responses[0].Body!;
        Assert.All(responses, r => Assert.Equal(payment, r.Body));
        Assert.Equal(PaymentStatuses.Pending, payment.Status);
        Assert.StartsWith(app.Emulator.BaseAddress.GetLeftPart(UriPartial.Authority) + "/pesapalv3/pay/", payment.RedirectUrl);
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM payments WHERE order_id = $1", order.Id));
        var atPesapal = (await app.Pesapal.OrdersAsync(Ct)).EnumerateArray()
            .Where(o => o.GetProperty("merchantReference").GetString() == $"PURL-{payment.PaymentId:N}").ToList();
        Assert.Single(atPesapal);
        Assert.Equal(3_000m, atPesapal[0].GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_second_key_while_a_payment_is_pending_returns_the_pending_payment()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 5);
        var (buyer, order) = await app.CheckedOutAsync(shirt);

        using var first = await app.OrdersOf(buyer).PayAsync(order.Id, "first-key", new PayOrderRequest(), Ct);
        using var second = await app.OrdersOf(buyer).PayAsync(order.Id, "second-key", new PayOrderRequest(), Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(first.Content!.PaymentId, second.Content!.PaymentId);
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM payments WHERE order_id = $1", order.Id));
    }

    [Fact]
    public async Task Replays_are_free_but_a_sixth_payment_attempt_within_fifteen_minutes_is_refused_with_retry_after()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 700m, stock: 10);
        var buyer = (await app.AddUsersAsync(1))[0];
        var orders = new List<Guid>();
        for (var i = 0; i < 6; i++) orders.Add((await app.CheckedOutAsync(shirt, buyer: buyer)).Order.Id);
        var api = app.OrdersOf(buyer);

        using (var started = await api.PayAsync(orders[0], "key-0", new PayOrderRequest(), Ct))
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        for (var replay = 0; replay < 6; replay++)
        {
            using var again = await api.PayAsync(orders[0], "key-0", new PayOrderRequest(), Ct);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        for (var i = 1; i < 5; i++)
        {
            using var attempt = await api.PayAsync(orders[i], $"key-{i}", new PayOrderRequest(), Ct);
            Assert.Equal(HttpStatusCode.Created, attempt.StatusCode);
        }

        using var sixth = await api.PayAsync(orders[5], "key-5", new PayOrderRequest(), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.True(sixth.Headers?.RetryAfter?.Delta > TimeSpan.Zero, "429 carries Retry-After");
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM payments WHERE order_id = $1", orders[5]));
    }

    [Fact]
    public async Task M_pesa_asks_for_a_phone_number_and_keeps_the_one_given()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 5);
        var buyer = (await app.AddUsersAsync(1, withPhone: false))[0];
        var (_, order) = await app.CheckedOutAsync(shirt, buyer: buyer);
        var api = app.OrdersOf(buyer);

        using var noPhone = await api.PayAsync(order.Id, "k1", new PayOrderRequest(), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPhone.StatusCode);
        Assert.Contains("phone", ((ValidationApiException)noPhone.Error!).Content!.Errors.Keys);
        using var badPhone = await api.PayAsync(order.Id, "k2", new PayOrderRequest(Phone: "0712"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Contains("phone", ((ValidationApiException)badPhone.Error!).Content!.Errors.Keys);

        using var paid = await api.PayAsync(order.Id, "k3", new PayOrderRequest(Phone: "+254 712 345 678"), Ct);

        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal("+254712345678", await app.TextAsync("SELECT phone_number FROM users WHERE id = $1", buyer.Id));
    }

    [Fact]
    public async Task Paying_needs_a_key_an_own_order_and_an_order_still_waiting_for_payment()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 5);
        var (buyer, order) = await app.CheckedOutAsync(shirt);
        var stranger = (await app.AddUsersAsync(1))[0];

        using var noKey = await app.ClientAs(buyer).PostAsync(OrderRoutes.Payments.Replace("{id}", order.Id.ToString()),
            JsonContent(new { }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains(PaymentKeyField, await noKey.Content.ReadAsStringAsync(Ct));
        using var notTheirs = await app.OrdersOf(stranger).PayAsync(order.Id, "k", new PayOrderRequest(), Ct);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);

        await app.OrdersOf(buyer).CancelAsync(order.Id, Ct);
        using var cancelled = await app.OrdersOf(buyer).PayAsync(order.Id, "k", new PayOrderRequest(), Ct);
        Assert.Equal(HttpStatusCode.Conflict, cancelled.StatusCode);
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM payments WHERE order_id = $1", order.Id));
    }

    private const string PaymentKeyField = "Idempotency-Key";

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
