using System.Net;
using Purl.Api.Client.Checkout;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Checkout;

public sealed class FlashSaleReservationTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_thousand_buyers_racing_for_five_hundred_units_get_exactly_five_hundred()
    {
        const int units = 500, buyers = 2_000, inFlight = 200;
        var vendor = await app.AddVendorAsync("Flash Deals KE");
        var phone = await app.AddProductAsync(vendor.Id, 4_999m, stock: units, name: "Tecno Spark 20 (70% off)");
        var crowd = await app.AddUsersAsync(buyers);
        // Every buyer has the phone in the cart before the sale opens.
        await app.FillCartsAsync(crowd, phone.Id);

        var outcomes = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(crowd, new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = Ct }, async (buyer, ct) =>
        {
            outcomes.Add(await CheckoutAsync(buyer, ct));
        });

        var tally = string.Join(", ", outcomes.GroupBy(s => s).Select(g => $"{(int)g.Key}: {g.Count()}"));
        Assert.True(units == outcomes.Count(s => s == HttpStatusCode.Created), tally);
        Assert.True(buyers - units == outcomes.Count(s => s == HttpStatusCode.Conflict), tally);
        Assert.Equal(units, await app.ReservedAsync(phone.Id));
        Assert.Equal(units, await app.StockAsync(phone.Id));
        Assert.Equal(units, await app.ScalarAsync("SELECT coalesce(sum(quantity), 0) FROM reservations WHERE product_id = $1 AND status = 'active'", phone.Id));
        Assert.Equal(units, await app.ScalarAsync("SELECT count(*) FROM orders o JOIN order_items i ON i.order_id = o.id WHERE i.product_id = $1", phone.Id));
    }

    [Fact]
    public async Task Buyers_of_two_scarce_items_in_opposite_order_never_deadlock_and_never_split_a_cart()
    {
        var vendor = await app.AddVendorAsync("Duka la Pili");
        var rice = await app.AddProductAsync(vendor.Id, 1_200m, stock: 40, name: "Pishori rice");
        var oil = await app.AddProductAsync(vendor.Id, 650m, stock: 40, name: "Cooking oil 2 l");
        var crowd = await app.AddUsersAsync(120);
        for (var i = 0; i < crowd.Count; i++)
        {
            var cart = app.CartOf(crowd[i]);
            var (first, second) = i % 2 == 0 ? (rice, oil) : (oil, rice);
            await cart.AddItemAsync(new AddCartItemRequest(first.Id, null, 1), Ct);
            await cart.AddItemAsync(new AddCartItemRequest(second.Id, null, 1), Ct);
        }

        var won = 0;
        await Parallel.ForEachAsync(crowd, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = Ct }, async (buyer, ct) =>
        {
            var outcome = await CheckoutAsync(buyer, ct);
            if (outcome == HttpStatusCode.Created) Interlocked.Increment(ref won);
            else Assert.Equal(HttpStatusCode.Conflict, outcome);
        });

        Assert.Equal(40, won);
        Assert.Equal(40, await app.ReservedAsync(rice.Id));
        Assert.Equal(40, await app.ReservedAsync(oil.Id));
        Assert.Equal(0, await app.ScalarAsync("""
            SELECT count(*) FROM orders o
            WHERE o.vendor_id = $1 AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.id) <> 2
            """, vendor.Id));
    }

    /// <summary>
    /// One buyer's checkout as the app does it: a 503 (no database connection in time, nothing written) is tried again
    /// after its Retry-After, a few times.
    /// </summary>
    private async Task<HttpStatusCode> CheckoutAsync(Buyer buyer, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await app.CartOf(buyer).CheckoutAsync(ct);
                return HttpStatusCode.Created;
            }
            catch (ApiException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 5)
            {
                await Task.Delay(e.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
            }
            catch (ApiException e)
            {
                return e.StatusCode;
            }
        }
    }
}
