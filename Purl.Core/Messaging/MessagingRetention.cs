using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Purl.Core.Messaging;

/// <summary>
/// Prunes sent outbox rows and old <c>processed_messages</c> in small batches, so no statement holds many locks or
/// bloats one transaction. Processed ids are kept longer than sent rows: a message can only come back (a relay
/// re-publish, a DLQ replay) while its outbox row is around.
/// </summary>
public sealed class MessagingRetention(NpgsqlDataSource dataSource, IOptions<MessagingOptions> options, ILogger<MessagingRetention> logger)
    : PeriodicJob(logger)
{
    private const int BatchSize = 5000;

    protected override TimeSpan Interval => options.Value.RetentionInterval;

    protected override string Doing => "Pruning the messaging tables";

    protected override Task RunRoundAsync(CancellationToken ct) => PruneAsync(ct);

    /// <returns>How many outbox rows and processed-message rows were deleted.</returns>
    public async Task<(long Outbox, long Processed)> PruneAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var outbox = await DeleteInBatchesAsync(
            "DELETE FROM outbox_messages WHERE id IN (SELECT id FROM outbox_messages WHERE sent_at < $1 LIMIT $2)",
            now - options.Value.OutboxRetention, cancellationToken);
        var processed = await DeleteInBatchesAsync(
            "DELETE FROM processed_messages WHERE (message_id, consumer) IN " +
            "(SELECT message_id, consumer FROM processed_messages WHERE processed_at < $1 LIMIT $2)",
            now - options.Value.ProcessedRetention, cancellationToken);
        if (outbox + processed > 0)
            logger.LogInformation("Pruned {Outbox} sent outbox rows and {Processed} processed-message rows", outbox, processed);
        return (outbox, processed);
    }

    private async Task<long> DeleteInBatchesAsync(string sql, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
            if (deleted < BatchSize) return total;
        }
    }
}
