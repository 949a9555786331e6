using Purl.Core.Messaging;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.Messaging;

/// <summary>Stops the shared RabbitMQ, so it runs alone.</summary>
[Collection(OutageCollection.Name)]
public sealed class OutboxOutageTests(MessagingResources resources) : IClassFixture<MessagingResources>
{
    [Fact]
    public async Task An_event_committed_while_rabbitmq_is_stopped_is_delivered_once_it_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        // Production backs off up to 10 s between attempts; 2 s keeps this (serial) test short without changing what it proves.
        await using var host = await MessagingTestHost.StartAsync(resources.Resources,
            new Dictionary<string, string?> { ["Messaging:MaxBackoff"] = "00:00:02" }, ct);
        await using (var broker = await TestBroker.ConnectAsync(resources.Resources.RabbitMq, ct))
            await broker.WaitForConsumerAsync(RecordEffect.Queue, ct);

        var post = new PostPublished(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        Guid messageId;
        await resources.Stack.RabbitMq.StopAsync();
        try
        {
            messageId = await host.CommitAsync(post, ct);
            await Task.Delay(TimeSpan.FromSeconds(3), ct); // the relay tries, and fails, meanwhile

            Assert.Equal(0, await resources.EffectsAsync(post.PostId, ct));
            Assert.Equal(1, await UnsentAsync(messageId, ct));
        }
        finally
        {
            await resources.Stack.RabbitMq.StartAsync(ct);
        }

        await Eventually.HoldsAsync(async () => await resources.EffectsAsync(post.PostId, ct) > 0,
            TimeSpan.FromSeconds(60), "the post's effect appears after RabbitMQ is back", ct);
        await Eventually.HoldsAsync(async () => await UnsentAsync(messageId, ct) == 0,
            TimeSpan.FromSeconds(45), "the outbox row is marked sent", ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        Assert.Equal(1, await resources.EffectsAsync(post.PostId, ct));
    }

    private Task<long> UnsentAsync(Guid messageId, CancellationToken ct) =>
        MessagingSchema.CountAsync(resources.DataSource, "SELECT count(*) FROM outbox_messages WHERE id = $1 AND sent_at IS NULL", ct, messageId);
}
