using System.Net;
using System.Text.Json;
using Purl.Api.Client.Checkout;
using Purl.Api.Client.Orders;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Checkout;

public sealed class CartAndCheckoutTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cart_with_two_stores_items_becomes_one_order_per_store_with_the_store_named_on_it()
    {
        var njeri = await app.AddVendorAsync("Mama Njeri Styles", "https://cdn.purl.test/njeri.png");
        var otieno = await app.AddVendorAsync("Otieno Electronics", null);
        var shirt = await app.AddProductAsync(njeri.Id, 1_500m, stock: 10);
        var dress = await app.AddProductAsync(njeri.Id, 3_200m, stock: 10, name: "Ankara maxi dress");
        var radio = await app.AddProductAsync(otieno.Id, 2_450m, stock: 10, name: "Solar radio");
        var buyer = (await app.AddUsersAsync(1))[0];
        var cart = app.CartOf(buyer);

        await cart.AddItemAsync(new AddCartItemRequest(shirt.Id, null, 1), Ct);
        await cart.AddItemAsync(new AddCartItemRequest(shirt.Id, null, 1), Ct); // the same line twice: one line of 2
        await cart.AddItemAsync(new AddCartItemRequest(dress.Id, null, 1), Ct);
        var before = await cart.AddItemAsync(new AddCartItemRequest(radio.Id, null, 3), Ct);
        Assert.Equal(3, before.Items.Count);
        Assert.Equal(2 * 1_500m + 3_200m + 3 * 2_450m, before.Total);

        var checkout = await cart.CheckoutAsync(Ct);

        Assert.Equal(2, checkout.Orders.Count);
        var fromNjeri = checkout.Orders.Single(o => o.VendorId == njeri.Id);
        Assert.Equal(6_200m, fromNjeri.Total);
        Assert.Equal(OrderStatuses.PendingPayment, fromNjeri.Status);
        Assert.Equal(7_350m, checkout.Orders.Single(o => o.VendorId == otieno.Id).Total);
        Assert.InRange(checkout.ReservationExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Empty((await cart.GetCartAsync(Ct)).Items);

        var order = await app.OrdersOf(buyer).GetAsync(fromNjeri.Id, Ct);
        Assert.Equal("Mama Njeri Styles", order.VendorName);
        Assert.Equal("https://cdn.purl.test/njeri.png", order.VendorLogoUrl);
        Assert.Equal(2, order.Items.Count);
        Assert.Equal(checkout.ReservationExpiresAt, order.ReservationExpiresAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, await app.ReservedAsync(shirt.Id));
        Assert.Equal(10, await app.StockAsync(shirt.Id));
        Assert.Equal(1, await app.EventsAsync("OrderPlaced", fromNjeri.Id));
    }

    [Fact]
    public async Task Checkout_charges_todays_price_not_the_price_when_the_item_was_added()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 5);
        var buyer = (await app.AddUsersAsync(1))[0];
        var cart = app.CartOf(buyer);
        await cart.AddItemAsync(new AddCartItemRequest(shirt.Id, null, 2), Ct);

        await app.ScalarAsync("UPDATE products SET price = 1050 WHERE id = $1", shirt.Id); // the flash sale starts
        Assert.Equal(2_100m, (await cart.GetCartAsync(Ct)).Total);
        var checkout = await cart.CheckoutAsync(Ct);

        Assert.Equal(2_100m, checkout.Orders.Single().Total);
        Assert.Equal(1_050m, (await app.OrdersOf(buyer).GetAsync(checkout.Orders[0].Id, Ct)).Items.Single().UnitPrice);
    }

    [Fact]
    public async Task A_line_short_of_stock_fails_the_whole_checkout_with_409_naming_it_and_holds_nothing()
    {
        var vendor = await app.AddVendorAsync();
        var plenty = await app.AddProductAsync(vendor.Id, 500m, stock: 50, name: "Maize flour");
        var scarce = await app.AddProductAsync(vendor.Id, 900m, stock: 3, name: "Pishori rice 5 kg");
        var buyer = (await app.AddUsersAsync(1))[0];
        var rival = (await app.AddUsersAsync(1))[0];
        var cart = app.CartOf(buyer);
        await cart.AddItemAsync(new AddCartItemRequest(plenty.Id, null, 4), Ct);
        await cart.AddItemAsync(new AddCartItemRequest(scarce.Id, null, 2), Ct);
        await app.CheckedOutAsync(scarce, quantity: 2, buyer: rival); // one left now

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => cart.CheckoutAsync(Ct));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        var line = Assert.Single(JsonDocument.Parse(error.Content!).RootElement.GetProperty("lines").EnumerateArray());
        Assert.Equal(scarce.Id, line.GetProperty("productId").GetGuid());
        Assert.Equal(2, line.GetProperty("requested").GetInt32());
        Assert.Equal(1, line.GetProperty("available").GetInt32());
        Assert.Equal(0, await app.ReservedAsync(plenty.Id));
        Assert.Equal(2, await app.ReservedAsync(scarce.Id));
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM orders WHERE buyer_id = $1", buyer.Id));
        Assert.Equal(2, (await cart.GetCartAsync(Ct)).Items.Count);
    }

    [Fact]
    public async Task A_product_in_sizes_needs_a_size_and_holds_that_size_only()
    {
        var vendor = await app.AddVendorAsync();
        var sandals = await app.AddProductAsync(vendor.Id, 0m, 0, "Maasai beadwork sandals", ("39", 1_800m, 2), ("42", 1_900m, 5));
        var buyer = (await app.AddUsersAsync(1))[0];
        var cart = app.CartOf(buyer);

        var noSize = await Assert.ThrowsAsync<ValidationApiException>(() => cart.AddItemAsync(new AddCartItemRequest(sandals.Id, null, 1), Ct));
        Assert.Contains("variantId", noSize.Content!.Errors.Keys);
        var size42 = sandals.Variants.Single(v => v.Name == "42");
        await cart.AddItemAsync(new AddCartItemRequest(sandals.Id, size42.Id, 3), Ct);
        var tooMany = await Assert.ThrowsAnyAsync<ApiException>(() => cart.AddItemAsync(new AddCartItemRequest(sandals.Id, sandals.Variants.Single(v => v.Name == "39").Id, 3), Ct));
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);

        var order = (await cart.CheckoutAsync(Ct)).Orders.Single();

        Assert.Equal(5_700m, order.Total);
        Assert.Equal(3, await app.ScalarAsync("SELECT reserved FROM product_variants WHERE id = $1", size42.Id));
        Assert.Equal(3, await app.ReservedAsync(sandals.Id));
    }

    [Fact]
    public async Task Holding_the_last_of_one_size_raises_a_stock_change_for_the_product_and_holding_some_of_another_does_not()
    {
        var vendor = await app.AddVendorAsync();
        var sandals = await app.AddProductAsync(vendor.Id, 0m, 0, "Beaded sandals", ("39", 1_800m, 1), ("42", 1_900m, 5));
        async Task HoldAsync(string size)
        {
            var cart = app.CartOf((await app.AddUsersAsync(1))[0]);
            await cart.AddItemAsync(new AddCartItemRequest(sandals.Id, sandals.Variants.Single(v => v.Name == size).Id, 1), Ct);
            await cart.CheckoutAsync(Ct);
        }

        await HoldAsync("42");
        Assert.Equal(0, await app.EventsAsync("ProductChanged", sandals.Id));
        await HoldAsync("39");
        Assert.Equal(1, await app.EventsAsync("ProductChanged", sandals.Id));
    }

    [Fact]
    public async Task Cart_lines_change_and_go_and_bad_input_names_the_field()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 10);
        var buyer = (await app.AddUsersAsync(1))[0];
        var cart = app.CartOf(buyer);

        var added = await cart.AddItemAsync(new AddCartItemRequest(shirt.Id, null, 1), Ct);
        var itemId = added.Items.Single().Id;
        Assert.Equal(4, (await cart.UpdateItemAsync(itemId, new UpdateCartItemRequest(4), Ct)).Items.Single().Quantity);
        var zero = await Assert.ThrowsAsync<ValidationApiException>(() => cart.UpdateItemAsync(itemId, new UpdateCartItemRequest(0), Ct));
        Assert.Contains("quantity", zero.Content!.Errors.Keys);
        var nothing = await Assert.ThrowsAsync<ValidationApiException>(() => cart.AddItemAsync(new AddCartItemRequest(Guid.Empty, null, 1), Ct));
        Assert.Contains("productId", nothing.Content!.Errors.Keys);
        var unknown = await Assert.ThrowsAnyAsync<ApiException>(() => cart.AddItemAsync(new AddCartItemRequest(Guid.NewGuid(), null, 1), Ct));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var someoneElse = (await app.AddUsersAsync(1))[0];
        var notTheirs = await Assert.ThrowsAnyAsync<ApiException>(() => app.CartOf(someoneElse).RemoveItemAsync(itemId, Ct));
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);

        Assert.Empty((await cart.RemoveItemAsync(itemId, Ct)).Items);
        var empty = await Assert.ThrowsAnyAsync<ApiException>(() => cart.CheckoutAsync(Ct));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(CheckoutRoutes.Cart, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_buyer_who_cancels_gets_the_stock_released_and_sees_only_their_own_orders()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 1_500m, stock: 4);
        var (buyer, order) = await app.CheckedOutAsync(shirt, quantity: 3);
        var stranger = (await app.AddUsersAsync(1))[0];

        var notTheirs = await Assert.ThrowsAnyAsync<ApiException>(() => app.OrdersOf(stranger).GetAsync(order.Id, Ct));
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Empty((await app.OrdersOf(stranger).ListAsync(ct: Ct)).Items);
        Assert.Equal(3, await app.ReservedAsync(shirt.Id));

        var cancelled = await app.OrdersOf(buyer).CancelAsync(order.Id, Ct);

        Assert.Equal(OrderStatuses.Cancelled, cancelled.Status);
        Assert.Equal("buyer", cancelled.CancelReason);
        Assert.Equal(0, await app.ReservedAsync(shirt.Id));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM reservations WHERE order_id = $1 AND status = 'released'", order.Id));
        Assert.Equal(1, await app.EventsAsync("OrderStatusChanged", order.Id));
        var again = await Assert.ThrowsAnyAsync<ApiException>(() => app.OrdersOf(buyer).CancelAsync(order.Id, Ct));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_buyers_orders_come_newest_first_a_page_at_a_time()
    {
        var vendor = await app.AddVendorAsync();
        var shirt = await app.AddProductAsync(vendor.Id, 100m, stock: 10);
        var buyer = (await app.AddUsersAsync(1))[0];
        var placed = new List<Guid>();
        for (var i = 0; i < 5; i++) placed.Add((await app.CheckedOutAsync(shirt, buyer: buyer)).Order.Id);
        var orders = app.OrdersOf(buyer);

        var first = await orders.ListAsync(limit: 2, ct: Ct);
        var second = await orders.ListAsync(first.NextCursor, 2, Ct);
        var last = await orders.ListAsync(second.NextCursor, 2, Ct);

        Assert.Equal(Enumerable.Reverse(placed), first.Items.Concat(second.Items).Concat(last.Items).Select(o => o.Id));
        Assert.Null(last.NextCursor);
        var badCursor = await Assert.ThrowsAsync<ValidationApiException>(() => orders.ListAsync("not-a-cursor", ct: Ct));
        Assert.Contains("cursor", badCursor.Content!.Errors.Keys);
    }
}
