using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Purl.Core.Messaging;

namespace Purl.Tests.Messaging;

public sealed class MessagingRetentionTests(MessagingResources resources) : IClassFixture<MessagingResources>
{
    [Fact]
    public async Task Pruning_removes_only_sent_rows_past_seven_days_and_processed_ids_past_fourteen()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        var oldSent = await InsertOutboxAsync(now.AddDays(-9), sentAt: now.AddDays(-8), ct);
        var recentSent = await InsertOutboxAsync(now.AddDays(-6), sentAt: now.AddDays(-6), ct);
        var oldUnsent = await InsertOutboxAsync(now.AddDays(-30), sentAt: null, ct);
        var oldProcessed = await InsertProcessedAsync(now.AddDays(-15), ct);
        var recentProcessed = await InsertProcessedAsync(now.AddDays(-13), ct);

        var retention = new MessagingRetention(resources.DataSource, Options.Create(new MessagingOptions()), NullLogger<MessagingRetention>.Instance);
        await retention.PruneAsync(ct);

        Assert.False(await OutboxExistsAsync(oldSent, ct));
        Assert.True(await OutboxExistsAsync(recentSent, ct));
        Assert.True(await OutboxExistsAsync(oldUnsent, ct), "an unsent row is never pruned, however old");
        Assert.False(await ProcessedExistsAsync(oldProcessed, ct));
        Assert.True(await ProcessedExistsAsync(recentProcessed, ct));
    }

    private async Task<Guid> InsertOutboxAsync(DateTimeOffset createdAt, DateTimeOffset? sentAt, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var command = resources.DataSource.CreateCommand(
            "INSERT INTO outbox_messages (id, type, routing_key, payload, created_at, sent_at, publish_attempts) " +
            "VALUES ($1, 'PostPublished', 'post.published', '{}', $2, $3, 1)");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(createdAt);
        command.Parameters.AddWithValue(sentAt.HasValue ? sentAt.Value : DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
        return id;
    }

    private async Task<Guid> InsertProcessedAsync(DateTimeOffset processedAt, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var command = resources.DataSource.CreateCommand(
            "INSERT INTO processed_messages (message_id, consumer, processed_at) VALUES ($1, 'feed-fan-out', $2)");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(processedAt);
        await command.ExecuteNonQueryAsync(ct);
        return id;
    }

    private async Task<bool> OutboxExistsAsync(Guid id, CancellationToken ct) =>
        await MessagingSchema.CountAsync(resources.DataSource, "SELECT count(*) FROM outbox_messages WHERE id = $1", ct, id) == 1;

    private async Task<bool> ProcessedExistsAsync(Guid id, CancellationToken ct) =>
        await MessagingSchema.CountAsync(resources.DataSource, "SELECT count(*) FROM processed_messages WHERE message_id = $1", ct, id) == 1;
}
