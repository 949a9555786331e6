using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Purl.Core.Messaging;

namespace Purl.Tests.Messaging;

/// <summary>
/// A consumer marked <see cref="AtLeastOnceAttribute"/> runs outside any transaction and leaves no record: the same
/// message delivered twice runs it twice, which is what such a consumer (a live push, a cache eviction) must tolerate.
/// </summary>
public sealed class AtLeastOnceConsumerTests(MessagingResources resources) : IClassFixture<MessagingResources>
{
    [Fact]
    public async Task The_same_message_delivered_twice_runs_the_consumer_twice_and_records_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await MessagingTestHost.StartAsync(resources.Resources, null, ct,
            services => services.AddConsumer<PostPublished, CountCalls>());
        await using var broker = await TestBroker.ConnectAsync(resources.Resources.RabbitMq, ct);
        await broker.WaitForConsumerAsync(CountCalls.Queue, ct);

        var post = new PostPublished(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        var messageId = Guid.CreateVersion7();
        await broker.PublishAsync(post, messageId, ct);
        await broker.PublishAsync(post, messageId, ct);

        await Eventually.HoldsAsync(() => Task.FromResult(CountCalls.Calls.GetValueOrDefault(post.PostId) == 2),
            TimeSpan.FromSeconds(30), "both deliveries reach the consumer", ct);
        Assert.Equal(0, await MessagingSchema.CountAsync(resources.DataSource,
            "SELECT count(*) FROM processed_messages WHERE message_id = $1", ct, messageId));
    }

    [AtLeastOnce]
    public sealed class CountCalls : IConsumer<PostPublished>
    {
        public const string Queue = "purl.count-calls";
        public static ConcurrentDictionary<Guid, int> Calls { get; } = new();

        public Task HandleAsync(PostPublished message, ConsumeContext context, CancellationToken cancellationToken)
        {
            Calls.AddOrUpdate(message.PostId, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
    }
}
