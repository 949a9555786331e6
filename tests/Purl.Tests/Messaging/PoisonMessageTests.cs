using System.Text;
using Purl.Core.Messaging;

namespace Purl.Tests.Messaging;

public sealed class PoisonMessageTests(MessagingResources resources) : IClassFixture<MessagingResources>
{
    private const string DeadLetterQueue = "purl.record-effect.dlq";

    [Fact]
    public async Task A_failing_message_is_retried_then_dead_lettered_while_the_messages_behind_it_keep_flowing()
    {
        var ct = TestContext.Current.CancellationToken;
        // Two retries, 1 s then 2 s: the poison message is dead-lettered about 3 s after its first attempt.
        await using var host = await MessagingTestHost.StartAsync(resources.Resources, new Dictionary<string, string?>
        {
            ["Messaging:RetryDelays:0"] = "00:00:01",
            ["Messaging:RetryDelays:1"] = "00:00:02",
            ["Messaging:RetryDelays:2"] = null,
        }, ct);
        await using var broker = await TestBroker.ConnectAsync(resources.Resources.RabbitMq, ct);
        await broker.WaitForConsumerAsync(RecordEffect.Queue, ct);

        var poison = new PostPublished(Guid.NewGuid(), RecordEffect.PoisonVendor, DateTimeOffset.UtcNow);
        var good = new PostPublished(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        var poisonId = await host.CommitAsync(poison, ct);
        await host.CommitAsync(good, ct);

        await Eventually.HoldsAsync(async () => await resources.EffectsAsync(good.PostId, ct) == 1,
            TimeSpan.FromSeconds(45), "the good message behind the poison one is handled", ct);
        Assert.Equal(0u, (await broker.QueueAsync(DeadLetterQueue, ct))!.MessageCount);

        await Eventually.HoldsAsync(async () => (await broker.QueueAsync(DeadLetterQueue, ct))?.MessageCount == 1,
            TimeSpan.FromSeconds(30), "the poison message reaches the dead-letter queue", ct);
        var dead = await broker.GetAsync(DeadLetterQueue, ct);
        Assert.NotNull(dead);
        Assert.Equal(poisonId.ToString(), dead.BasicProperties.MessageId);
        Assert.Contains("is poison", Encoding.UTF8.GetString((byte[])dead.BasicProperties.Headers![MessagingNames.ExceptionHeader]!));
        Assert.Equal([1, 2, 3], host.Calls.For(poison.PostId).Select(c => c.Attempt));
        Assert.Equal(0, await resources.EffectsAsync(poison.PostId, ct));
        Assert.Equal(0u, (await broker.QueueAsync(RecordEffect.Queue, ct))!.MessageCount);
    }
}
