using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Purl.Core.Messaging;

namespace Purl.Tests.Messaging;

public sealed class OwnTransactionConsumerTests(MessagingResources resources) : IClassFixture<MessagingResources>
{
    [Fact]
    public async Task A_consumer_that_commits_its_own_batches_finishes_after_a_mid_way_failure_and_skips_a_duplicate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var create = resources.DataSource.CreateCommand(
            "CREATE TABLE IF NOT EXISTS test_fan_out (post_id uuid NOT NULL, follower int NOT NULL, PRIMARY KEY (post_id, follower))"))
            await create.ExecuteNonQueryAsync(ct);
        await using var host = await MessagingTestHost.StartAsync(resources.Resources, null, ct,
            services => services.AddConsumer<PostPublished, BatchedFanOut>());
        await using var broker = await TestBroker.ConnectAsync(resources.Resources.RabbitMq, ct);
        await broker.WaitForConsumerAsync("purl.batched-fan-out", ct);

        var post = new PostPublished(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        var messageId = Guid.CreateVersion7();
        await broker.PublishAsync(post, messageId, ct);
        await Eventually.HoldsAsync(async () => await ProcessedAsync(messageId, ct) == 1,
            TimeSpan.FromSeconds(30), "the fan-out is recorded as processed", ct);

        await broker.PublishAsync(post, messageId, ct);
        var marker = new PostPublished(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        await broker.PublishAsync(marker, Guid.CreateVersion7(), ct);
        await Eventually.HoldsAsync(async () => await RowsAsync(marker.PostId, ct) == BatchedFanOut.Followers,
            TimeSpan.FromSeconds(30), "the marker is fanned out", ct);

        Assert.Equal(BatchedFanOut.Followers, await RowsAsync(post.PostId, ct));
        Assert.Equal([1, 2], host.Calls.For(post.PostId).Select(c => c.Attempt));
    }

    private Task<long> RowsAsync(Guid postId, CancellationToken ct) =>
        MessagingSchema.CountAsync(resources.DataSource, "SELECT count(*) FROM test_fan_out WHERE post_id = $1", ct, postId);

    private Task<long> ProcessedAsync(Guid messageId, CancellationToken ct) =>
        MessagingSchema.CountAsync(resources.DataSource,
            "SELECT count(*) FROM processed_messages WHERE message_id = $1 AND consumer = 'batched-fan-out'", ct, messageId);
}

/// <summary>
/// Writes followers in batches, each its own commit, idempotent through the primary key; the first attempt at each post
/// fails after its first batch, as a crash mid fan-out would.
/// </summary>
[HandlesOwnTransactions]
public sealed class BatchedFanOut(ConsumerCalls calls) : IConsumer<PostPublished>
{
    public const int Followers = 30;
    private const int BatchSize = 10;

    public async Task HandleAsync(PostPublished message, ConsumeContext context, CancellationToken cancellationToken)
    {
        calls.Add(new(context.MessageId, message.PostId, context.Attempt, context.Redelivered, default));
        for (var from = 0; from < Followers; from += BatchSize)
        {
            await using var transaction = await context.Db.Database.BeginTransactionAsync(cancellationToken);
            for (var follower = from; follower < from + BatchSize; follower++)
                await context.Db.Database.ExecuteSqlAsync(
                    $"INSERT INTO test_fan_out (post_id, follower) VALUES ({message.PostId}, {follower}) ON CONFLICT DO NOTHING", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (context.Attempt == 1) throw new IOException("The worker lost its database connection mid fan-out");
        }
    }
}
