using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Purl.Core.Identity;

namespace Purl.Api.Hubs;

/// <summary>
/// A vendor's open dashboards join their store's group; orders and payment results are pushed to that group only.
/// With the Redis backplane a push reaches the dashboard whichever API instance it is connected to.
/// </summary>
[Authorize(Policy = PurlPolicies.Vendor)]
public sealed class VendorHub : Hub
{
    public static string Group(Guid vendorId) => $"vendor:{vendorId}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(Context.User!.GetVendorId()!.Value), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    /// <summary>
    /// The handshake completes before <see cref="OnConnectedAsync"/> has joined the group, and calls are dispatched only
    /// after it: a dashboard that must not miss a push made right after connecting awaits this call first.
    /// </summary>
    public Task<bool> Joined() => Task.FromResult(true);
}
