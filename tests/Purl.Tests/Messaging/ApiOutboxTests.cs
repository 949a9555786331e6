using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Tests.Infrastructure;
using RabbitMQ.Client;

namespace Purl.Tests.Messaging;

/// <summary>Purl.Api's own relay (as wired in its Extensions.cs) publishes what the API commits.</summary>
public sealed class ApiOutboxTests(PurlApp app) : IClassFixture<PurlApp>
{
    [Fact]
    public async Task An_event_the_api_commits_reaches_purl_events_with_its_outbox_id_and_shows_in_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        await MessagingSchema.EnsureAsync(app.DataSource, ct);
        // An observer queue of the test's own, bound to every event.
        var connection = await new ConnectionFactory { Uri = new Uri(app.Resources.RabbitMq) }.CreateConnectionAsync(ct);
        await using var _ = connection;
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await MessagingTopology.DeclareExchangeAsync(channel, ct);
        var observer = (await channel.QueueDeclareAsync(cancellationToken: ct)).QueueName;
        await channel.QueueBindAsync(observer, MessagingNames.Exchange, "#", cancellationToken: ct);

        var order = new OrderPlaced(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1500.00m, "KES");
        Guid messageId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PurlDbContext>();
            scope.ServiceProvider.GetRequiredService<IOutbox>().Add(order);
            await db.SaveChangesAsync(ct);
            messageId = db.OutboxMessages.Local.Single().Id;
        }

        BasicGetResult? delivered = null;
        await Eventually.HoldsAsync(async () => (delivered = await channel.BasicGetAsync(observer, true, ct)) is not null,
            TimeSpan.FromSeconds(30), "the event reaches the observer queue", ct);
        Assert.Equal(messageId.ToString(), delivered!.BasicProperties.MessageId);
        Assert.Equal("OrderPlaced", delivered.BasicProperties.Type);
        Assert.Equal("order.placed", delivered.RoutingKey);
        Assert.Equal("application/json", delivered.BasicProperties.ContentType);
        Assert.Equal(DeliveryModes.Persistent, delivered.BasicProperties.DeliveryMode);
        using var body = JsonDocument.Parse(delivered.Body);
        Assert.Equal(order.OrderId, body.RootElement.GetProperty("orderId").GetGuid());
        Assert.Equal(1500.00m, body.RootElement.GetProperty("total").GetDecimal());

        await Eventually.HoldsAsync(async () => await MessagingSchema.CountAsync(app.DataSource,
                "SELECT count(*) FROM outbox_messages WHERE id = $1 AND sent_at IS NOT NULL", ct, messageId) == 1,
            TimeSpan.FromSeconds(45), "the row is marked sent", ct);
        var metrics = await app.CreateClient().GetStringAsync("/metrics", ct);
        Assert.Contains("purl_messaging_published", metrics);
        Assert.Contains("purl_messaging_outbox_lag", metrics);
    }
}
