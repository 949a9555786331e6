using Microsoft.EntityFrameworkCore;
using Purl.Core.Data;
using Purl.Core.Messaging;

namespace Purl.Core.Checkout;

public sealed record CheckoutResult(IReadOnlyList<Order> Orders, DateTimeOffset ReservationExpiresAt);

/// <summary>
/// Turns the cart into one order per vendor with every line held for <see cref="Reservation.Lifetime"/>, all or nothing:
/// the holds, the orders, their <c>OrderPlaced</c> events and the emptied cart commit together, or nothing does.
/// </summary>
public sealed class CheckoutService(PurlDbContext db, IOutbox outbox, TimeProvider clock)
{
    public async Task<Outcome<CheckoutResult>> CheckoutAsync(Guid buyerId, CancellationToken ct)
    {
        var lines = await CartService.LinesAsync(db, buyerId, ct);
        if (lines.Count == 0)
            return new Problem(ProblemKind.Unprocessable, "Your cart is empty.", "Add something to the cart before checking out.");
        var offSale = lines.Where(l => !l.Purchasable).ToList();
        if (offSale.Count > 0)
            return offSale.Any(l => l.NeedsVariant)
                ? new Problem(ProblemKind.Unprocessable, "Choose a variant.", "A line of the cart is for a product that comes in variants; remove it and add the variant you want.")
                : CartService.OutOfStock(offSale.Select(l => new StockShortage(l.ProductId, l.VariantId, l.Quantity, 0)).ToList());
        // Already sold out as of the read above: refuse without queueing on the product's row lock. A read can only
        // refuse here, never sell; the conditional UPDATE below decides every sale.
        var soldOut = lines.Where(l => l.Available < l.Quantity).ToList();
        if (soldOut.Count > 0)
            return CartService.OutOfStock(soldOut.Select(l => new StockShortage(l.ProductId, l.VariantId, l.Quantity, l.Available)).ToList());

        var now = clock.GetUtcNow();
        var expiresAt = now + Reservation.Lifetime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var orders = new List<Order>();
        foreach (var vendorLines in lines.GroupBy(l => l.VendorId))
        {
            var first = vendorLines.First();
            var order = new Order
            {
                BuyerId = buyerId,
                VendorId = first.VendorId,
                VendorName = first.VendorName,
                VendorLogoUrl = first.VendorLogoUrl,
                Currency = first.Currency,
                CreatedAt = now,
                UpdatedAt = now,
            };
            foreach (var line in vendorLines)
            {
                order.Items.Add(new OrderItem
                {
                    OrderId = order.Id,
                    ProductId = line.ProductId,
                    VariantId = line.VariantId,
                    ProductName = line.ProductName,
                    VariantName = line.VariantName,
                    UnitPrice = line.UnitPrice,
                    Quantity = line.Quantity,
                });
                db.Reservations.Add(new Reservation
                {
                    ProductId = line.ProductId,
                    VariantId = line.VariantId,
                    Quantity = line.Quantity,
                    UserId = buyerId,
                    OrderId = order.Id,
                    CreatedAt = now,
                    ExpiresAt = expiresAt,
                });
            }
            order.Total = order.Items.Sum(i => i.UnitPrice * i.Quantity);
            db.Orders.Add(order);
            outbox.Add(new OrderPlaced(order.Id, order.VendorId, buyerId, order.Total, order.Currency));
            orders.Add(order);
        }
        db.CartItems.RemoveRange(lines.Select(l => new CartItem { Id = l.Id }));
        await db.SaveChangesAsync(ct);

        // The holds come last: a stock row stays locked from its UPDATE to the commit only, which is what bounds
        // checkouts per second on one hot product. A shortage rolls everything above back.
        var hold = await StockReservations.ReserveAsync(db, lines.Select(l => new StockLine(l.ProductId, l.VariantId, l.Quantity)).ToList(), ct);
        if (hold.Shortages.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return CartService.OutOfStock(hold.Shortages);
        }
        // Only the checkout that takes a product out of stock has an event to save.
        if (StockReservations.RaiseAvailabilityChanges(outbox, hold.Moves) > 0)
            await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new CheckoutResult(orders, expiresAt);
    }
}
