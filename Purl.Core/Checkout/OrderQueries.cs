using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Purl.Core.Data;
using Purl.Core.Payments;

namespace Purl.Core.Checkout;

public sealed record OrderLine(Guid ProductId, Guid? VariantId, string ProductName, string? VariantName, decimal UnitPrice, int Quantity);

public sealed record OrderPaymentInfo(Guid Id, PaymentStatus Status, string? RedirectUrl, string? PaymentMethod, string? ConfirmationCode);

/// <summary>An order as buyers and vendors see it, with its lines, its latest payment and, while unpaid, when its hold ends.</summary>
public sealed record OrderView(
    Guid Id, Guid BuyerId, Guid VendorId, string VendorName, string? VendorLogoUrl, OrderStatus Status, decimal Total, string Currency,
    IReadOnlyList<OrderLine> Items, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PaidAt,
    DateTimeOffset? ReservationExpiresAt, string? CancelReason, OrderPaymentInfo? Payment);

public sealed record OrderPageView(IReadOnlyList<OrderView> Items, string? NextCursor);

/// <summary>Reads of orders: a buyer's own, a vendor's own (by status), newest first with an opaque keyset cursor.</summary>
public sealed class OrderQueries(PurlDbContext db)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public async Task<Outcome<OrderPageView>> ListForBuyerAsync(Guid buyerId, string? cursor, int? limit, CancellationToken ct) =>
        await ListAsync(db.Orders.Where(o => o.BuyerId == buyerId), cursor, limit, ct);

    public async Task<Outcome<OrderPageView>> ListForVendorAsync(Guid vendorId, string? status, string? cursor, int? limit, CancellationToken ct)
    {
        var orders = db.Orders.Where(o => o.VendorId == vendorId);
        if (!string.IsNullOrEmpty(status))
        {
            if (!EnumText<OrderStatus>.TryParse(status, out var wanted))
                return Problem.Invalid("status", $"status is one of {string.Join(", ", EnumText<OrderStatus>.All)}.");
            orders = orders.Where(o => o.Status == wanted);
        }
        return await ListAsync(orders, cursor, limit, ct);
    }

    public async Task<OrderView?> FindAsync(Guid orderId, CancellationToken ct) =>
        (await ViewsAsync(db.Orders.Where(o => o.Id == orderId), ct)).FirstOrDefault();

    private async Task<Outcome<OrderPageView>> ListAsync(IQueryable<Order> orders, string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit) errors.Add("limit", $"limit is from 1 to {MaxLimit}.");
        (DateTimeOffset At, Guid Id)? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (DecodeCursor(cursor) is { } decoded) after = decoded;
            else errors.Add("cursor", "This cursor is not one the API gave out.");
        }
        if (errors.Any) return errors.ToProblem();

        if (after is var (at, id))
            orders = orders.Where(o => EF.Functions.LessThan(ValueTuple.Create(o.CreatedAt, o.Id), ValueTuple.Create(at, id)));
        var page = await ViewsAsync(orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(take + 1), ct);
        var more = page.Count > take;
        var items = more ? page.Take(take).ToList() : page;
        return new OrderPageView(items, more ? EncodeCursor(items[^1].CreatedAt, items[^1].Id) : null);
    }

    private async Task<List<OrderView>> ViewsAsync(IQueryable<Order> orders, CancellationToken ct)
    {
        // The latest payment's id as a scalar subquery (one index probe per order): projecting the payment itself with
        // FirstOrDefault makes EF number every payment in the table with a window function on each page read.
        var rows = await orders.AsNoTracking().Select(o => new
        {
            Order = o,
            Items = o.Items.OrderBy(i => i.ProductName).Select(i => new OrderLine(i.ProductId, i.VariantId, i.ProductName, i.VariantName, i.UnitPrice, i.Quantity)).ToList(),
            HoldUntil = db.Reservations.Where(r => r.OrderId == o.Id && r.Status == ReservationStatus.Active).Min(r => (DateTimeOffset?)r.ExpiresAt),
            PaymentId = db.Payments.Where(p => p.OrderId == o.Id && p.Status != PaymentStatus.Initiating).OrderByDescending(p => p.CreatedAt)
                .Select(p => (Guid?)p.Id).FirstOrDefault(),
        }).ToListAsync(ct);
        var paymentIds = rows.Where(r => r.PaymentId is not null).Select(r => r.PaymentId!.Value).ToList();
        var payments = paymentIds.Count == 0 ? [] : await db.Payments.AsNoTracking().Where(p => paymentIds.Contains(p.Id))
            .Select(p => new OrderPaymentInfo(p.Id, p.Status, p.RedirectUrl, p.PaymentMethod, p.ConfirmationCode))
            .ToDictionaryAsync(p => p.Id, ct);
        return rows.Select(r => new OrderView(r.Order.Id, r.Order.BuyerId, r.Order.VendorId, r.Order.VendorName, r.Order.VendorLogoUrl,
            r.Order.Status, r.Order.Total, r.Order.Currency.Trim(), r.Items, r.Order.CreatedAt, r.Order.UpdatedAt, r.Order.PaidAt,
            r.Order.Status == OrderStatus.PendingPayment ? r.HoldUntil : null, r.Order.CancelReason,
            r.PaymentId is { } id ? payments.GetValueOrDefault(id) : null)).ToList();
    }

    private static string EncodeCursor(DateTimeOffset at, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{id:N}"));

    private static (DateTimeOffset, Guid)? DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is > 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
