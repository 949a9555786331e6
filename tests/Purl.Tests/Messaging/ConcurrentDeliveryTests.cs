using Microsoft.Extensions.DependencyInjection;
using Purl.Core.Messaging;

namespace Purl.Tests.Messaging;

public sealed class ConcurrentDeliveryTests(MessagingResources resources) : IClassFixture<MessagingResources>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_consumer_marked_for_concurrent_deliveries_handles_that_many_at_once_each_committed_once()
    {
        var inFlight = await RunAsync(services => services.AddConsumer<PostPublished, WaitForCompany>(), WaitForCompany.Queue, "wait-for-company");

        Assert.Equal(4, inFlight);
    }

    [Fact]
    public async Task A_plain_consumer_handles_one_message_at_a_time()
    {
        var inFlight = await RunAsync(services => services.AddConsumer<PostPublished, CountInFlight>(), CountInFlight.Queue, "count-in-flight");

        Assert.Equal(1, inFlight);
    }

    /// <summary>Publishes twelve posts to a fresh consumer and returns the most deliveries it had in flight at once.</summary>
    private async Task<int> RunAsync(Action<IServiceCollection> consumer, string queue, string consumerName)
    {
        InFlight.Reset();
        await using var host = await MessagingTestHost.StartAsync(resources.Resources, null, Ct, consumer);
        await using var broker = await TestBroker.ConnectAsync(resources.Resources.RabbitMq, Ct);
        await broker.WaitForConsumerAsync(queue, Ct);

        var posts = Enumerable.Range(0, 12).Select(_ => new PostPublished(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow)).ToList();
        var ids = await host.CommitManyAsync(posts, Ct);

        await Eventually.HoldsAsync(async () => await MessagingSchema.CountAsync(resources.DataSource,
                "SELECT count(*) FROM processed_messages WHERE consumer = $1 AND message_id = ANY($2)", Ct, consumerName, ids.ToArray()) == 12,
            TimeSpan.FromSeconds(60), "every post is handled and recorded once", Ct);
        foreach (var post in posts) Assert.Equal(1, await resources.EffectsAsync(post.PostId, Ct));
        return InFlight.Most;
    }

    /// <summary>How many handlers are inside at once, and the most there ever were.</summary>
    private static class InFlight
    {
        private static int _now, _most;
        public static int Most => Volatile.Read(ref _most);

        public static void Reset() => (_now, _most) = (0, 0);

        public static async Task HoldAsync(Func<bool> until, TimeSpan longest, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _now);
            int most;
            while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
            {
            }
            try
            {
                // Long enough for the channel to hand over the next deliveries if it is allowed to.
                var deadline = DateTime.UtcNow + longest;
                while (DateTime.UtcNow < deadline && !until()) await Task.Delay(10, ct);
            }
            finally
            {
                Interlocked.Decrement(ref _now);
            }
        }
    }

    private static Task RecordAsync(PostPublished message, ConsumeContext context, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlAsync(context.Db.Database,
            $"INSERT INTO test_effects (message_id, consumer, post_id) VALUES ({context.MessageId}, 'concurrent', {message.PostId})", ct);

    [ConcurrentDeliveries(4)]
    public sealed class WaitForCompany : IConsumer<PostPublished>
    {
        public const string Queue = "purl.wait-for-company";

        public async Task HandleAsync(PostPublished message, ConsumeContext context, CancellationToken ct)
        {
            await InFlight.HoldAsync(() => InFlight.Most >= 4, TimeSpan.FromSeconds(5), ct);
            await RecordAsync(message, context, ct);
        }
    }

    public sealed class CountInFlight : IConsumer<PostPublished>
    {
        public const string Queue = "purl.count-in-flight";

        public async Task HandleAsync(PostPublished message, ConsumeContext context, CancellationToken ct)
        {
            await InFlight.HoldAsync(() => false, TimeSpan.FromMilliseconds(200), ct);
            await RecordAsync(message, context, ct);
        }
    }
}
