using Purl.Core.Messaging;

namespace Purl.Tests.Messaging;

public sealed class DuplicateDeliveryTests(MessagingResources resources) : IClassFixture<MessagingResources>
{
    [Fact]
    public async Task The_same_message_delivered_twice_changes_state_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MessagingTestHost.StartAsync(resources.Resources, null, ct);
        await using var broker = await TestBroker.ConnectAsync(resources.Resources.RabbitMq, ct);
        await broker.WaitForConsumerAsync(RecordEffect.Queue, ct);

        var post = new PostPublished(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        var messageId = Guid.CreateVersion7();
        await broker.PublishAsync(post, messageId, ct);
        await broker.PublishAsync(post, messageId, ct);
        // Handled after both copies: the queue is consumed in order.
        var marker = new PostPublished(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        await broker.PublishAsync(marker, Guid.CreateVersion7(), ct);

        await Eventually.HoldsAsync(async () => await resources.EffectsAsync(marker.PostId, ct) == 1,
            TimeSpan.FromSeconds(30), "the marker is handled", ct);
        Assert.Equal(1, await resources.EffectsAsync(post.PostId, ct));
        Assert.Equal(1, await MessagingSchema.CountAsync(resources.DataSource,
            "SELECT count(*) FROM processed_messages WHERE message_id = $1 AND consumer = 'record-effect'", ct, messageId));
    }

    [Fact]
    public async Task A_commit_wakes_the_relay_without_waiting_for_its_poll()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MessagingTestHost.StartAsync(resources.Resources,
            new Dictionary<string, string?> { ["Messaging:OutboxPollInterval"] = "00:10:00" }, ct);
        await using (var broker = await TestBroker.ConnectAsync(resources.Resources.RabbitMq, ct))
            await broker.WaitForConsumerAsync(RecordEffect.Queue, ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct); // the relay's first poll is over; only a wake-up can deliver now

        var post = new PostPublished(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        await host.CommitAsync(post, ct);

        await Eventually.HoldsAsync(async () => await resources.EffectsAsync(post.PostId, ct) == 1,
            TimeSpan.FromSeconds(45), "the post is handled long before the 10 min poll", ct);
    }
}
