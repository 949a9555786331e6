using Purl.Core.Analytics;
using Purl.Core.Catalog;
using Purl.Core.Checkout;
using Purl.Core.Payments;

namespace Purl.Core.DemoData;

internal sealed partial class DemoWorld
{
    private const int StatsDays = 30;
    private static readonly string[] PaymentMethods = ["M-Pesa", "M-Pesa", "M-Pesa", "M-Pesa", "Visa", "Airtel Money"];

    private void AddOrders()
    {
        var weights = _popularity.ToList();
        var total = weights.Sum();
        for (var i = 0; i < _options.Orders; i++)
        {
            // The demo store and the demo buyer get enough orders that their dashboard and history have every status.
            var vendor = i < 60 ? DemoVendor : Vendors[PickWeighted(weights, total)];
            var buyer = i % 50 == 0 ? _buyers[0] : _buyers[_random.Next(_longTailBuyers)];
            var shelf = _productsByVendor[vendor.Id].Where(p => p.IsActive && p.IsPublished).ToList();
            if (shelf.Count > 0)
                AddOrder(vendor, buyer.Id, shelf, i < 60 ? Before(_now, days: 7) : Before(_now, days: 60 * Math.Pow(_random.NextDouble(), 0.7)));
        }
    }

    private void AddOrder(Vendor vendor, Guid buyerId, List<Product> shelf, DateTimeOffset createdAt)
    {
        var status = StatusAfter(_now - createdAt);
        var order = new Order
        {
            Id = Guid.CreateVersion7(createdAt),
            BuyerId = buyerId,
            VendorId = vendor.Id,
            VendorName = vendor.Name,
            VendorLogoUrl = vendor.LogoUrl,
            Status = status,
            CreatedAt = createdAt,
            UpdatedAt = Between(createdAt, Min(_now, createdAt.AddDays(5))),
        };
        foreach (var product in Sample(shelf, Between(1, 3)))
        {
            var variant = product.Variants.Count > 0 ? Pick(product.Variants) : null;
            var item = new OrderItem
            {
                Id = Guid.CreateVersion7(createdAt),
                OrderId = order.Id,
                ProductId = product.Id,
                VariantId = variant?.Id,
                ProductName = product.Name,
                VariantName = variant?.Name,
                UnitPrice = variant?.Price ?? product.Price,
                Quantity = Chance(0.8) ? 1 : 2,
            };
            order.Total += item.UnitPrice * item.Quantity;
            if (status is not (OrderStatus.PendingPayment or OrderStatus.Cancelled))
                product.SoldCount += item.Quantity;
            OrderItems.Add(item);
        }
        Orders.Add(order);
        AddPayment(order);
    }

    /// <summary>Old orders are mostly delivered; the last few days' are still moving through the steps.</summary>
    private OrderStatus StatusAfter(TimeSpan age)
    {
        var roll = _random.NextDouble();
        if (age > TimeSpan.FromDays(7))
            return roll < 0.88 ? OrderStatus.Delivered : roll < 0.97 ? OrderStatus.Cancelled : OrderStatus.Shipped;
        if (age > TimeSpan.FromDays(2))
            return roll < 0.4 ? OrderStatus.Delivered : roll < 0.75 ? OrderStatus.Shipped : roll < 0.92 ? OrderStatus.Accepted : OrderStatus.Cancelled;
        return roll < 0.35 ? OrderStatus.Paid : roll < 0.6 ? OrderStatus.Accepted : roll < 0.8 ? OrderStatus.PendingPayment : OrderStatus.Shipped;
    }

    private void AddPayment(Order order)
    {
        if (order.Status == OrderStatus.PendingPayment || (order.Status == OrderStatus.Cancelled && Chance(0.5)))
            return;
        var method = Pick(PaymentMethods);
        Payments.Add(new Payment
        {
            Id = Guid.CreateVersion7(order.CreatedAt),
            OrderId = order.Id,
            BuyerId = order.BuyerId,
            IdempotencyKey = RandomHex(16).ToLowerInvariant(),
            Status = order.Status == OrderStatus.Cancelled ? PaymentStatus.Failed : PaymentStatus.Completed,
            Amount = order.Total,
            MerchantReference = $"PURL-{order.Id:N}",
            OrderTrackingId = new Guid(RandomBytes(16)).ToString(),
            RedirectUrl = null,
            PaymentMethod = method,
            ConfirmationCode = method.StartsWith("M-Pesa", StringComparison.Ordinal) ? MpesaCode() : RandomHex(6),
            CreatedAt = order.CreatedAt.AddMinutes(1),
            UpdatedAt = order.CreatedAt.AddMinutes(2),
        });
    }

    /// <summary>The last 30 Nairobi days of every store, counted from the orders, follows and likes generated above.</summary>
    private void AddDailyStats()
    {
        var today = NairobiTime.Day(_now);
        var firstDay = today.AddDays(1 - StatsDays);
        var stats = new Dictionary<(Guid, DateOnly), VendorDailyStat>();
        VendorDailyStat? StatOf(Guid vendorId, DateTimeOffset at)
        {
            var day = NairobiTime.Day(at);
            return day < firstDay ? null : stats[(vendorId, day)];
        }

        foreach (var vendor in Vendors)
        {
            var dailyViews = _productsByVendor[vendor.Id].Sum(p => p.ViewCount) / 180.0;
            for (var day = firstDay; day <= today; day = day.AddDays(1))
            {
                var stat = new VendorDailyStat { VendorId = vendor.Id, Day = day, Views = (long)(dailyViews * (0.6 + _random.NextDouble() * 0.8)) };
                stats[(vendor.Id, day)] = stat;
                DailyStats.Add(stat);
            }
        }
        foreach (var order in Orders.Where(o => o.Status is not (OrderStatus.PendingPayment or OrderStatus.Cancelled)))
        {
            if (StatOf(order.VendorId, order.CreatedAt) is not { } stat)
                continue;
            stat.Orders++;
            stat.Revenue += order.Total;
        }
        foreach (var follow in Follows)
        {
            if (StatOf(follow.VendorId, follow.FollowedAt) is { } stat)
                stat.NewFollowers++;
        }
        var postVendor = Posts.ToDictionary(p => p.Id, p => p.VendorId);
        foreach (var like in PostLikes)
        {
            if (StatOf(postVendor[like.PostId], like.LikedAt) is { } stat)
                stat.Likes++;
        }
    }

    /// <summary>The counters a store shows, from the rows generated for it.</summary>
    private void Summarise()
    {
        foreach (var vendor in Vendors)
        {
            var products = _productsByVendor[vendor.Id];
            vendor.FollowerCount = _followersByVendor[vendor.Id].Count;
            vendor.ProductCount = products.Count(p => p.IsActive && p.IsPublished);
            vendor.Rating = products.Count == 0 ? 0 : Math.Round(products.Average(p => p.Rating), 1);
        }
    }

    private string MpesaCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        return "S" + new string(Enumerable.Range(0, 9).Select(_ => alphabet[_random.Next(alphabet.Length)]).ToArray());
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
