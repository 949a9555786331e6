using Npgsql;

namespace Purl.Tests.Messaging;

/// <summary>
/// Tables the messaging tests need. The two messaging tables come from the initial migration once it lands (then the
/// IF NOT EXISTS makes these statements no-ops); <c>test_effects</c> is the tests' own, deliberately without a unique
/// key so a second effect of one message would show as a second row.
/// </summary>
public static class MessagingSchema
{
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS outbox_messages (
                id uuid PRIMARY KEY,
                type varchar(200) NOT NULL,
                routing_key varchar(200) NOT NULL,
                payload jsonb NOT NULL,
                trace_parent varchar(55),
                trace_state varchar(512),
                created_at timestamptz NOT NULL,
                sent_at timestamptz,
                publish_attempts integer NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_outbox_messages_unsent ON outbox_messages (created_at) WHERE sent_at IS NULL;
            CREATE TABLE IF NOT EXISTS processed_messages (
                message_id uuid NOT NULL,
                consumer varchar(100) NOT NULL,
                processed_at timestamptz NOT NULL,
                PRIMARY KEY (message_id, consumer));
            CREATE TABLE IF NOT EXISTS test_effects (
                message_id uuid NOT NULL,
                consumer text NOT NULL,
                post_id uuid NOT NULL,
                at timestamptz NOT NULL DEFAULT now());
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }
}
