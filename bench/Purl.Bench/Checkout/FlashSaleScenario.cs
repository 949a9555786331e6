using System.Net;
using Npgsql;
using Purl.Bench.Flow;

namespace Purl.Bench.Checkout;

/// <summary>
/// Seed 000's flash sale: 500 units, 20,000 distinct buyers with the product in their carts, all checking out at once
/// (--connections at a time). Counts successful reservations (must be 500) and oversold units (must be 0). In the
/// same run, the naive way — read the stock, then write it back in application code — runs on a copy of the
/// product with the same crowd and concurrency, straight against Postgres, to show what the atomic UPDATE prevents.
/// </summary>
public sealed class FlashSaleScenario : Scenario
{
    public const int Units = 500;
    public const int Buyers = 20_000;

    public override string Name => "flash-sale";

    public override string Description => $"{Units} units, {Buyers:N0} buyers checking out at once: reservations (= {Units}), oversold (= 0), attempts/s; and a naive checkout's oversell";

    public override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var ct = context.CancellationToken;
        await using var data = await CheckoutBenchData.CreateAsync(context);
        try
        {
            var product = await data.AddProductAsync("Tecno Spark 20 (flash sale, 70% off)", Units);
            var copy = await data.AddProductAsync("Tecno Spark 20 (naive copy)", Units);
            Console.WriteLine($"  seeding {Buyers:N0} buyers with the phone in their carts…");
            var buyers = await data.AddBuyersAsync(Buyers);
            await data.FillCartsAsync(buyers, product.Id);

            using var http = FlowRunner.CreateClient(context.BaseUrl, context.Connections);
            var reserved = 0;
            var soldOut = 0;
            var measurement = await FixedWorkload.RunAsync(Buyers, context.Connections, async (i, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/checkout");
                request.Headers.Authorization = new("Bearer", buyers[i].Token);
                using var response = await http.SendAsync(request, token);
                if (response.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref reserved);
                else if (response.StatusCode == HttpStatusCode.Conflict) Interlocked.Increment(ref soldOut);
                return response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict;
            }, ct);

            var heldInDb = await data.ScalarAsync("SELECT reserved FROM products WHERE id = $1", product.Id);
            var rows = await data.ScalarAsync("SELECT coalesce(sum(quantity), 0) FROM reservations WHERE product_id = $1 AND status = 'active'", product.Id);
            var oversold = Math.Max(0, Math.Max(reserved, Math.Max(heldInDb, rows)) - Units);

            var naive = await NaiveCheckoutAsync(data, copy.Id, context.Connections, ct);
            return new ScenarioResult(measurement,
            [
                $"successful reservations {reserved} (target = {Units}: {(reserved == Units ? "met" : "MISSED")}), 409 sold out {soldOut}, reserved in db {heldInDb}, active reservation rows {rows}",
                $"oversold {oversold} (target 0: {(oversold == 0 ? "met" : "MISSED")})",
                $"attempts/s {measurement.RequestsPerSecond:F0} (target ≥ 500: {(measurement.RequestsPerSecond >= 500 ? "met" : "MISSES")}), {Buyers:N0} distinct buyers, {context.Connections} at once",
                $"naive read-then-update checkout on a copy (same {Buyers:N0} attempts, {context.Connections} at once): {naive.Sold} units sold of {Units}, oversold {naive.Sold - Units}",
            ]);
        }
        finally
        {
            await data.CleanUpAsync();
        }
    }

    /// <summary>
    /// What a checkout without the atomic UPDATE does: read the free stock, decide in application code, write the new
    /// count back, insert the reservation. Between the read and the write another buyer reads the same number.
    /// </summary>
    private static async Task<(int Sold, TimeSpan Took)> NaiveCheckoutAsync(CheckoutBenchData data, Guid productId, int workers, CancellationToken ct)
    {
        var sold = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await FixedWorkload.RunAsync(Buyers, workers, async (_, token) =>
        {
            await using var connection = await data.DataSource.OpenConnectionAsync(token);
            int free, held;
            await using (var read = new NpgsqlCommand("SELECT stock - reserved, reserved FROM products WHERE id = $1", connection))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = productId });
                await using var reader = await read.ExecuteReaderAsync(token);
                await reader.ReadAsync(token);
                (free, held) = (reader.GetInt32(0), reader.GetInt32(1));
            }
            if (free < 1) return true;
            await using (var write = new NpgsqlCommand("UPDATE products SET reserved = $2 WHERE id = $1", connection))
            {
                write.Parameters.Add(new NpgsqlParameter { Value = productId });
                write.Parameters.Add(new NpgsqlParameter { Value = held + 1 });
                await write.ExecuteNonQueryAsync(token);
            }
            Interlocked.Increment(ref sold);
            return true;
        }, ct);
        return (sold, clock.Elapsed);
    }
}
