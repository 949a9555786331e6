using System.Net;
using System.Net.Http.Json;
using Purl.Bench.Flow;

namespace Purl.Bench.Checkout;

/// <summary>
/// Seed 000's 300 payment initiations a second: buyers with an order waiting for payment each start paying it
/// (<c>POST /orders/{id}/payments</c> with a fresh Idempotency-Key), which inserts the payment and submits the order
/// to the Pesapal emulator. A step is one 201.
/// </summary>
public sealed class PayScenario : Scenario
{
    private const int Orders = 30_000;

    public override string Name => "pay";

    public override string Description => "payment initiations/s through the Pesapal emulator (target ≥ 300/s)";

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var ct = context.CancellationToken;
        await using var data = await CheckoutBenchData.CreateAsync(context);
        try
        {
            var product = await data.AddProductAsync("Kitenge shirt (pay bench)", Orders);
            Console.WriteLine($"  seeding {Orders:N0} buyers with an order waiting for payment…");
            var buyers = await data.AddBuyersAsync(Orders);
            var orders = await data.AddPendingOrdersAsync(buyers, product);

            using var http = FlowRunner.CreateClient(context.BaseUrl, context.Connections);
            var next = -1;
            var exhausted = 0;
            async Task<bool> Pay(HttpClient client, int worker, CancellationToken token)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= Orders)
                {
                    Interlocked.Increment(ref exhausted);
                    return false;
                }
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/orders/{orders[i].Id}/payments") { Content = JsonContent.Create(new { }) };
                request.Headers.Authorization = new("Bearer", buyers[i].Token);
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                using var response = await client.SendAsync(request, token);
                return response.StatusCode == HttpStatusCode.Created;
            }

            if (context.Warmup > TimeSpan.Zero)
                await FlowRunner.RunAsync(http, context.Connections, context.Warmup, Pay, ct);
            var warm = Math.Min(next + 1, Orders);
            var measurement = await FlowRunner.RunAsync(http, context.Connections, context.Duration, Pay, ct);

            var started = await data.ScalarAsync("SELECT count(*) FROM payments WHERE buyer_id = ANY($1) AND status = 'pending' AND order_tracking_id IS NOT NULL",
                buyers.Select(b => b.Id).ToArray());
            return new ScenarioResult(measurement,
            [
                $"payment initiations/s {measurement.RequestsPerSecond:F0} (target ≥ 300: {(measurement.RequestsPerSecond >= 300 ? "met" : "MISSES")})",
                $"{started:N0} payments pending at Pesapal after the run ({warm:N0} of them in the warm-up), one per order"
                    + (exhausted > 0 ? $"; ran out of seeded orders ({exhausted} steps)" : ""),
            ]);
        }
        finally
        {
            await data.CleanUpAsync();
        }
    }
}
