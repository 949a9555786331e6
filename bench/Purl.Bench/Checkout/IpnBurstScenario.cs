using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Purl.Bench.Flow;
using Purl.Core.Checkout;
using Purl.Core.Payments;

namespace Purl.Bench.Checkout;

/// <summary>
/// Seed 000's IPN flood: 20,000 payments completed at the Pesapal emulator with its own IPNs switched off, then
/// 20,000 IPNs fired at Purl.Api at once. Measures how fast the endpoint accepts them (target ≥ 2,000/s), then waits
/// until the IPN worker has settled every payment: the time that takes, how many were never settled (lost, must be
/// 0) and how many were settled twice (must be 0: one PaymentCompleted per payment, units sold = payments).
/// </summary>
public sealed class IpnBurstScenario : Scenario
{
    private const int Ipns = 20_000;
    private const int Products = 20;
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    public override string Name => "ipn-burst";

    public override string Description => $"{Ipns:N0} IPNs at once: accepted/s (target ≥ 2,000/s), time until all processed, lost (0), processed twice (0)";

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var ct = context.CancellationToken;
        var stack = Stack.Read(context.RepoRoot);
        if (!stack.Urls.TryGetValue("emulators", out var emulatorUrl))
            throw new BenchException(".purl/urls.json names no emulators: start the AppHost first");
        await using var data = await CheckoutBenchData.CreateAsync(context);
        using var emulator = new HttpClient { BaseAddress = new Uri(emulatorUrl), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            Console.WriteLine($"  seeding {Ipns:N0} orders and their payments, completed at the emulator with IPNs off…");
            var buyers = await data.AddBuyersAsync(Ipns);
            var orders = new List<Order>();
            var productIds = new List<Guid>();
            for (var p = 0; p < Products; p++)
            {
                var product = await data.AddProductAsync($"Flash item {p + 1}", Ipns / Products, 999m);
                productIds.Add(product.Id);
                orders.AddRange(await data.AddPendingOrdersAsync(buyers.Skip(p * (Ipns / Products)).Take(Ipns / Products).ToList(), product));
            }
            var payments = await SubmitAtPesapalAsync(context, data, emulator, orders);
            (await emulator.PutAsJsonAsync("/_emulator/pesapal/ipn-mode", new { mode = "lost" }, ct)).EnsureSuccessStatusCode();
            try
            {
                await FixedWorkload.RunAsync(payments.Count, 64, async (i, token) =>
                {
                    using var done = await emulator.PostAsJsonAsync($"/_emulator/pesapal/orders/{payments[i].OrderTrackingId}/complete", new { }, token);
                    return done.IsSuccessStatusCode;
                }, ct);
            }
            finally
            {
                (await emulator.PutAsJsonAsync("/_emulator/pesapal/ipn-mode", new { mode = "normal" }, CancellationToken.None)).EnsureSuccessStatusCode();
            }

            var sold = await data.ScalarAsync("SELECT sum(sold_count) FROM products WHERE id = ANY($1)", productIds.ToArray());
            using var http = FlowRunner.CreateClient(context.BaseUrl, context.Connections);
            var clock = Stopwatch.StartNew();
            var burst = await FixedWorkload.RunAsync(payments.Count, context.Connections, async (i, token) =>
            {
                var p = payments[i];
                using var response = await http.GetAsync(
                    $"/payments/pesapal/ipn?OrderTrackingId={p.OrderTrackingId}&OrderMerchantReference={p.MerchantReference}&OrderNotificationType=IPNCHANGE", token);
                return response.StatusCode == HttpStatusCode.OK;
            }, ct);

            var ids = payments.Select(p => p.Id).ToArray();
            long completed = 0;
            while (clock.Elapsed < MaxWait)
            {
                completed = await data.ScalarAsync("SELECT count(*) FROM payments WHERE id = ANY($1) AND status = 'completed'", ids);
                if (completed == ids.Length) break;
                await Task.Delay(500, ct);
            }
            var allProcessed = clock.Elapsed;
            // One statement, one snapshot: the worker may still be settling payments while these are counted.
            await using var counts = data.DataSource.CreateCommand("""
                SELECT (SELECT count(*) FROM payments WHERE id = ANY($1) AND status = 'completed'),
                       (SELECT count(*) - count(DISTINCT payload->>'paymentId') FROM outbox_messages
                         WHERE type = 'PaymentCompleted' AND (payload->>'paymentId')::uuid = ANY($1)),
                       (SELECT coalesce(sum(sold_count), 0) FROM products WHERE id = ANY($2))
                """);
            counts.Parameters.Add(new Npgsql.NpgsqlParameter { Value = ids });
            counts.Parameters.Add(new Npgsql.NpgsqlParameter { Value = productIds.ToArray() });
            long duplicateEvents, soldAfter;
            await using (var reader = await counts.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                (completed, duplicateEvents, soldAfter) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            }
            var lost = ids.Length - completed;
            var twice = duplicateEvents + Math.Max(0, soldAfter - sold - completed);
            return new ScenarioResult(burst,
            [
                $"accepted/s {burst.RequestsPerSecond:F0} (target ≥ 2,000: {(burst.RequestsPerSecond >= 2_000 ? "met" : "MISSES")}), {payments.Count:N0} IPNs, {context.Connections} at once",
                completed == ids.Length
                    ? $"all processed {allProcessed.TotalSeconds:0.0} s after the first IPN ({completed / allProcessed.TotalSeconds:F0} payments settled/s)"
                    : $"NOT all processed: {completed:N0} of {ids.Length:N0} after {allProcessed.TotalSeconds:0} s",
                $"lost {lost} (target 0: {(lost == 0 ? "met" : "MISSED")}), processed twice {twice} (target 0: {(twice == 0 ? "met" : "MISSED")}); units sold {soldAfter - sold:N0}",
            ]);
        }
        finally
        {
            await data.CleanUpAsync();
        }
    }

    /// <summary>
    /// Submits every order to the emulator as Purl.Api would (same notification_id, merchant reference PURL-{payment}),
    /// and records the payments as pending with their tracking ids; reconciliation is told to leave them alone for an hour.
    /// </summary>
    private static async Task<List<Payment>> SubmitAtPesapalAsync(ScenarioContext context, CheckoutBenchData data, HttpClient emulator, List<Order> orders)
    {
        var ct = context.CancellationToken;
        var ipnId = await IpnIdAsync(data);
        using var tokenResponse = await emulator.PostAsJsonAsync("/pesapalv3/api/Auth/RequestToken", new Dictionary<string, string>
        {
            ["consumer_key"] = CheckoutBenchData.PesapalSecret(context, "PesapalConsumerKey"),
            ["consumer_secret"] = CheckoutBenchData.PesapalSecret(context, "PesapalConsumerSecret"),
        }, ct);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString();
        var payments = orders.Select(o => new Payment
        {
            OrderId = o.Id, BuyerId = o.BuyerId, IdempotencyKey = Guid.NewGuid().ToString(), Amount = o.Total, MerchantReference = "",
            CheckAfter = DateTimeOffset.UtcNow.AddHours(1),
        }).ToList();
        foreach (var p in payments) p.MerchantReference = $"PURL-{p.Id:N}";

        await FixedWorkload.RunAsync(payments.Count, 64, async (i, token2) =>
        {
            var p = payments[i];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/pesapalv3/api/Transactions/SubmitOrderRequest")
            {
                Content = JsonContent.Create(new Dictionary<string, object>
                {
                    ["id"] = p.MerchantReference, ["currency"] = "KES", ["amount"] = p.Amount, ["description"] = "Purl flash sale (bench)",
                    ["callback_url"] = context.BaseUrl + "payments/pesapal/callback", ["notification_id"] = ipnId,
                    ["billing_address"] = new Dictionary<string, string> { ["email_address"] = "bench@bench.purl.test", ["country_code"] = "KE" },
                }),
            };
            request.Headers.Authorization = new("Bearer", token);
            using var response = await emulator.SendAsync(request, token2);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(token2);
            p.OrderTrackingId = body.GetProperty("order_tracking_id").GetString();
            p.RedirectUrl = body.GetProperty("redirect_url").GetString();
            return response.IsSuccessStatusCode;
        }, ct);
        if (payments.Any(p => p.OrderTrackingId is null))
            throw new BenchException("the emulator did not take every SubmitOrderRequest; is the stack's API registered with it?");
        await data.CopyAsync(payments);
        return payments;
    }

    private static async Task<string> IpnIdAsync(CheckoutBenchData data)
    {
        await using var command = data.DataSource.CreateCommand("SELECT ipn_id::text FROM pesapal_ipn_registrations ORDER BY registered_at DESC LIMIT 1");
        return await command.ExecuteScalarAsync() as string
            ?? throw new BenchException("Purl.Api has not registered its IPN URL with Pesapal yet (pesapal_ipn_registrations is empty)");
    }
}
