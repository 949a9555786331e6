using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Purl.Api.Client.Orders;
using Purl.Core.Payments.Pesapal;
using Purl.Tests.Messaging;
using Refit;

namespace Purl.Tests.Checkout;

public sealed class PesapalOutageTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_pesapal_fails_the_circuit_opens_buyers_get_503_with_nothing_half_made_and_payments_complete_after_it_recovers()
    {
        const int buyers = 12;
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 50);
        var checkedOut = new List<(Buyer Buyer, Guid Order)>();
        for (var i = 0; i < buyers; i++)
        {
            var (buyer, order) = await app.CheckedOutAsync(shirt);
            checkedOut.Add((buyer, order.Id));
        }
        // Warm: the token and the IPN registration are in hand before Pesapal starts failing.
        var before = await app.PayAsync(checkedOut[0].Buyer, checkedOut[0].Order);
        const int faultCalls = 1_000;
        await app.Pesapal.Http.PostAsync("/_emulator/pesapal/faults", JsonContent.Create(new { statusCode = 503, calls = faultCalls }), Ct);

        var keys = new Dictionary<Guid, string>();
        foreach (var (buyer, order) in checkedOut.Skip(1))
        {
            keys[order] = Guid.NewGuid().ToString();
            using var response = await app.OrdersOf(buyer).PayAsync(order, keys[order], new PayOrderRequest(), Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(response.Headers?.RetryAfter?.Delta > TimeSpan.Zero, "503 carries Retry-After");
        }

        Assert.True(app.GetRequiredService<PesapalCircuit>().IsOpen, "the circuit is open");
        var fault = await app.Pesapal.Http.GetFromJsonAsync<JsonElement>("/_emulator/pesapal/faults", Ct);
        var reachedPesapal = faultCalls - fault.GetProperty("remainingCalls").GetInt64();
        Assert.InRange(reachedPesapal, 1, buyers - 2); // the rest were refused without calling Pesapal
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM payments WHERE order_id = ANY($1)", checkedOut.Select(c => c.Order).ToArray()));

        await app.Pesapal.ClearFaultsAsync(Ct);
        var (lastBuyer, lastOrder) = checkedOut[^1];
        PaymentResponse? recovered = null;
        var answers = new List<string>();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); recovered is null && DateTime.UtcNow < deadline; await Task.Delay(200, Ct))
        {
            // The same key: the attempts refused during the outage left nothing behind it.
            using var response = await app.OrdersOf(lastBuyer).PayAsync(lastOrder, keys[lastOrder], new PayOrderRequest(), Ct);
            recovered = response.StatusCode == HttpStatusCode.Created ? response.Content : null;
            answers.Add($"{response.StatusCode} {(response.Error as ApiException)?.Content}");
        }
        Assert.True(recovered is not null, $"a payment starts once the circuit lets calls through again; answers: {string.Join(" | ", answers.TakeLast(3))}");
        await app.Pesapal.CompleteAsync(await app.TrackingIdAsync(recovered!.PaymentId), Ct);
        await app.OrderBecomesAsync(lastOrder, OrderStatuses.Paid);
        await app.Pesapal.CompleteAsync(await app.TrackingIdAsync(before.PaymentId), Ct);
        await app.OrderBecomesAsync(checkedOut[0].Order, OrderStatuses.Paid);
        Assert.Equal(48, await app.StockAsync(shirt.Id));
    }
}
