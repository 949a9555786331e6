using Purl.Core.Messaging;
using RabbitMQ.Client;

namespace Purl.Tests.Messaging;

public sealed class TwoRelaysTests(MessagingResources resources) : IClassFixture<MessagingResources>
{
    [Fact]
    public async Task Two_relays_on_one_database_publish_every_row_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        // Small batches and a fast poll keep both relays busy on the same rows at the same time.
        var settings = new Dictionary<string, string?> { ["Messaging:OutboxBatchSize"] = "5", ["Messaging:OutboxPollInterval"] = "00:00:00.010" };
        await using var first = await MessagingTestHost.StartAsync(resources.Resources, settings, ct, _ => { });
        await using var second = await MessagingTestHost.StartAsync(resources.Resources, settings, ct, _ => { });

        var connection = await new ConnectionFactory { Uri = new Uri(resources.Resources.RabbitMq) }.CreateConnectionAsync(ct);
        await using var _ = connection;
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await MessagingTopology.DeclareExchangeAsync(channel, ct);
        var observer = (await channel.QueueDeclareAsync(cancellationToken: ct)).QueueName;
        await channel.QueueBindAsync(observer, MessagingNames.Exchange, "post.published", cancellationToken: ct);

        var events = Enumerable.Range(0, 300).Select(_ => (IEvent)new PostPublished(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow));
        var ids = await first.CommitManyAsync(events, ct);

        var received = new List<string>();
        await Eventually.HoldsAsync(async () =>
        {
            while (await channel.BasicGetAsync(observer, autoAck: true, ct) is { } message) received.Add(message.BasicProperties.MessageId!);
            return received.Count >= ids.Count && await UnsentAsync(ct) == 0;
        }, TimeSpan.FromSeconds(60), "every row is published and marked sent", ct);
        await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        while (await channel.BasicGetAsync(observer, autoAck: true, ct) is { } late) received.Add(late.BasicProperties.MessageId!);

        Assert.Equal(ids.Select(id => id.ToString()).Order(), received.Order());
    }

    private Task<long> UnsentAsync(CancellationToken ct) =>
        MessagingSchema.CountAsync(resources.DataSource, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", ct);
}
