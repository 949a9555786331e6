using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Purl.Api.Client.Analytics;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Tests.Auth;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.Dashboard;

public sealed class VendorHubTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_order_reaches_its_vendors_dashboards_on_every_instance_and_nobody_elses()
    {
        await using var other = app.StartAnotherInstance();
        var (vendor, vendorTokens) = await app.RegisterAndLoginAsync("vendor", "Mombasa Spice House");
        var (_, rivalTokens) = await app.RegisterAndLoginAsync("vendor", "Rival Spices");
        var onFirst = new ConcurrentQueue<OrderNotice>();
        var onSecond = new ConcurrentQueue<OrderNotice>();
        var onRival = new ConcurrentQueue<OrderNotice>();
        await using var first = await ConnectAsync(app.Server, vendorTokens.AccessToken, onFirst);
        await using var second = await ConnectAsync(other.Server, vendorTokens.AccessToken, onSecond);
        await using var rival = await ConnectAsync(app.Server, rivalTokens.AccessToken, onRival);

        var orderId = Guid.CreateVersion7();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IOutbox>().Add(new OrderPlaced(orderId, vendor.VendorId!.Value, Guid.NewGuid(), 2500m, "KES"));
            await scope.ServiceProvider.GetRequiredService<PurlDbContext>().SaveChangesAsync(Ct);
        }

        for (var i = 0; i < 900 && (onFirst.IsEmpty || onSecond.IsEmpty); i++) await Task.Delay(50, Ct); // up to 45 s on a busy machine
        await Task.Delay(500, Ct); // room for a wrong delivery to show up
        Assert.Equal(orderId, Assert.Single(onFirst).OrderId);
        Assert.Equal(orderId, Assert.Single(onSecond).OrderId);
        Assert.Equal(2500m, onFirst.Single().Total);
        Assert.Empty(onRival);
    }

    [Fact]
    public async Task A_buyer_cannot_join_the_vendor_hub()
    {
        var (_, tokens) = await app.RegisterAndLoginAsync("buyer");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(app.Server, tokens.AccessToken, new ConcurrentQueue<OrderNotice>()));

        Assert.Contains("403", error.Message);
    }

    private static async Task<HubConnection> ConnectAsync(TestServer server, string token, ConcurrentQueue<OrderNotice> received)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, AnalyticsRoutes.VendorHub), options =>
            {
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        connection.On<OrderNotice>(VendorHubMessages.OrderPlaced, received.Enqueue);
        await connection.StartAsync(Ct);
        Assert.True(await connection.InvokeAsync<bool>(VendorHubMethods.Joined, Ct));
        return connection;
    }
}
