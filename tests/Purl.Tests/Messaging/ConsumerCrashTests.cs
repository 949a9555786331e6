using Purl.Core.Messaging;
using Purl.Tests.MessagingProbe;

namespace Purl.Tests.Messaging;

public sealed class ConsumerCrashTests(MessagingResources resources) : IClassFixture<MessagingResources>
{
    [Fact]
    public async Task Killing_a_worker_between_its_commit_and_its_ack_produces_no_second_effect()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await TestBroker.ConnectAsync(resources.Resources.RabbitMq, ct);
        var messageId = Guid.CreateVersion7();

        using (var first = ProbeProcess.Start(resources.Resources, pauseAfterCommit: TimeSpan.FromMinutes(5)))
        {
            await broker.WaitForConsumerAsync(ProbeProcess.Queue, ct, () => first.Output);
            await broker.PublishAsync(new VendorFollowed(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow), messageId, ct);
            await Eventually.HoldsAsync(async () => await ProcessedAsync(messageId, ct) == 1,
                TimeSpan.FromSeconds(60), $"the first worker commits the message. Its output:\n{first.Output}", ct);
            await first.KillAsync();
        }
        Assert.Equal(1, await EffectsAsync(messageId, ct));

        using var second = ProbeProcess.Start(resources.Resources, pauseAfterCommit: TimeSpan.Zero);
        await broker.WaitForConsumerAsync(ProbeProcess.Queue, ct, () => second.Output);
        // The unacked message went back to the head of the queue, so it is redelivered before this one.
        var marker = Guid.CreateVersion7();
        await broker.PublishAsync(new VendorFollowed(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow), marker, ct);
        await Eventually.HoldsAsync(async () => await EffectsAsync(marker, ct) == 1,
            TimeSpan.FromSeconds(60), $"the second worker handles the marker. Its output:\n{second.Output}", ct);

        Assert.Equal(1, await EffectsAsync(messageId, ct));
        Assert.Equal(0u, (await broker.QueueAsync(ProbeProcess.Queue, ct))!.MessageCount);
    }

    private Task<long> EffectsAsync(Guid messageId, CancellationToken ct) =>
        MessagingSchema.CountAsync(resources.DataSource, "SELECT count(*) FROM probe_effects WHERE message_id = $1", ct, messageId);

    private Task<long> ProcessedAsync(Guid messageId, CancellationToken ct) =>
        MessagingSchema.CountAsync(resources.DataSource,
            "SELECT count(*) FROM processed_messages WHERE message_id = $1 AND consumer = 'probe-effect'", ct, messageId);
}
