using Purl.Api.Client.Orders;

namespace Purl.Web.Components.Shared;

/// <summary>Order statuses as a vendor reads them, and what the vendor can do next in each.</summary>
public static class OrderStatusText
{
    public static readonly (string? Status, string Label)[] Filters =
    [
        (null, "All"),
        (OrderStatuses.Paid, "To accept"),
        (OrderStatuses.Accepted, "To ship"),
        (OrderStatuses.Shipped, "Shipped"),
        (OrderStatuses.Delivered, "Delivered"),
        (OrderStatuses.PendingPayment, "Awaiting payment"),
        (OrderStatuses.Cancelled, "Cancelled"),
    ];

    public static string Label(string status) => status switch
    {
        OrderStatuses.PendingPayment => "Awaiting payment",
        OrderStatuses.Paid => "Paid",
        OrderStatuses.Accepted => "Accepted",
        OrderStatuses.Shipped => "Shipped",
        OrderStatuses.Delivered => "Delivered",
        OrderStatuses.Cancelled => "Cancelled",
        _ => status,
    };

    public static bool CanAccept(string status) => status == OrderStatuses.Paid;
    public static bool CanShip(string status) => status == OrderStatuses.Accepted;
    public static bool CanDeliver(string status) => status == OrderStatuses.Shipped;
    public static bool CanCancel(string status) => status is OrderStatuses.Paid or OrderStatuses.Accepted or OrderStatuses.PendingPayment;
}
