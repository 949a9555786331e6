using Npgsql;
using NpgsqlTypes;
using Purl.Core.Data;
using Purl.Core.Messaging;

namespace Purl.Core.Payments;

/// <summary>
/// Takes an IPN as Pesapal sends it and only records it: the <c>ipn_events</c> row and its <c>PaymentIpnReceived</c>
/// event commit together, so Pesapal gets its answer at once and the IPN worker does the rest. An IPN is only a hint
/// (they are not signed): nothing here trusts it. A burst of IPNs is recorded by group commit, many to a commit.
/// </summary>
public sealed class IpnRecorder : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly OutboxSignal _outboxSignal;
    private readonly GroupCommit<(IpnEvent Ipn, OutboxMessage Event), IpnEvent> _writes;

    public IpnRecorder(NpgsqlDataSource dataSource, OutboxSignal outboxSignal)
    {
        _dataSource = dataSource;
        _outboxSignal = outboxSignal;
        _writes = new(WriteBatchAsync);
    }

    public async Task<Outcome<IpnEvent>> RecordAsync(string? trackingId, string? merchantReference, string? notificationType, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(trackingId)) errors.Add("OrderTrackingId", "OrderTrackingId is required.");
        else if (trackingId.Length > 100) errors.Add("OrderTrackingId", "OrderTrackingId is at most 100 characters.");
        if (merchantReference is { Length: > 50 }) errors.Add("OrderMerchantReference", "OrderMerchantReference is at most 50 characters.");
        if (notificationType is { Length: > 50 }) errors.Add("OrderNotificationType", "OrderNotificationType is at most 50 characters.");
        if (errors.Any) return errors.ToProblem();

        var ipn = new IpnEvent
        {
            OrderTrackingId = trackingId!.Trim(),
            OrderMerchantReference = merchantReference?.Trim(),
            NotificationType = notificationType?.Trim(),
        };
        // Built here, in the request, so the event carries the request's trace.
        var received = OutboxMessage.For(new PaymentIpnReceived(ipn.Id, ipn.OrderTrackingId, ipn.OrderMerchantReference ?? ""));
        return await _writes.WriteAsync((ipn, received), ct);
    }

    private async Task<IReadOnlyList<IpnEvent>> WriteBatchAsync(IReadOnlyList<(IpnEvent Ipn, OutboxMessage Event)> batch, CancellationToken ct)
    {
        var ipns = batch.Select(b => b.Ipn).ToList();
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        // A batch without a transaction of its own runs as one implicit transaction: both inserts commit, or neither.
        await using var write = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO ipn_events (id, order_tracking_id, order_merchant_reference, notification_type, received_at)
                    SELECT * FROM unnest($1, $2, $3, $4, $5)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = ipns.Select(i => i.Id).ToArray() },
                        new() { Value = ipns.Select(i => i.OrderTrackingId).ToArray() },
                        new() { Value = ipns.Select(i => i.OrderMerchantReference).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                        new() { Value = ipns.Select(i => i.NotificationType).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                        new() { Value = ipns.Select(i => i.ReceivedAt).ToArray() },
                    },
                },
                OutboxMessage.InsertCommand(batch.Select(b => b.Event).ToList()),
            },
        };
        await write.ExecuteNonQueryAsync(ct);
        _outboxSignal.Pulse();
        return ipns;
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();
}
