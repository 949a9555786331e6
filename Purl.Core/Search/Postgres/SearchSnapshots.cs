using System.Data;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Purl.Core.Search.Postgres;

/// <summary>
/// Keeps this process's <see cref="SearchSnapshot"/> of <c>search_products</c> current. Before a search, one cheap statement
/// asks whether any index row was written, or any product removed, by a transaction the snapshot did not see (each row
/// carries its writer's transaction id, and removals leave a row in <c>search_removals</c>; see the SearchIndexChanges
/// migration). Only then does it read what changed, in one repeatable-read transaction, and make the next snapshot from it.
/// So a search never answers from data older than the last commit before it began — a product that left the index is gone
/// from the next search, here and in every other process — except while a large batch of changes is read (below).
/// </summary>
public sealed class SearchSnapshots(NpgsqlDataSource dataSource, IOptions<SearchOptions> options, ILogger<SearchSnapshots> logger)
{
    private const string ChangedSql = """
        WHERE written_by >= pg_snapshot_xmin(@seen::pg_snapshot) AND NOT pg_visible_in_snapshot(written_by, @seen::pg_snapshot)
        """;

    /// <summary>
    /// A snapshot this old is read afresh rather than brought up to date: removals are kept a day
    /// (<see cref="PostgresSearchIndex.RemovalsKeptFor"/>), so one that waited longer could miss some.
    /// </summary>
    public static readonly TimeSpan ReadAfreshAfter = TimeSpan.FromHours(12);

    private readonly SemaphoreSlim _loading = new(1, 1);
    /// <summary>The slot of each product in <see cref="_current"/>; changed only while loading.</summary>
    private readonly Dictionary<Guid, int> _slots = [];
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private volatile Loaded? _current;

    /// <param name="Seen">The Postgres snapshot it was read in (<c>pg_current_snapshot()</c> as text).</param>
    /// <param name="StartedAt">When that read began (<see cref="Stopwatch"/> ticks).</param>
    private sealed record Loaded(SearchSnapshot Snapshot, string Seen, long StartedAt);

    /// <summary>
    /// The snapshot, brought up to date first if anything changed since it was read. When more products changed than
    /// <see cref="SearchOptions.SnapshotCatchUpLimit"/> and none was removed (the workers' periodic refresh of ratings and
    /// popularity rewrites many rows), the search answers from the snapshot it has while the rest is read in the
    /// background: prices, stock and ranks may then lag a second or two, as cached pages may; a removed product never does.
    /// </summary>
    public async Task<SearchSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var asked = Stopwatch.GetTimestamp();
        if (Current is { } current)
        {
            var (changed, removed) = await ChangesSinceAsync(current.Seen, cancellationToken);
            if (changed == 0 && !removed) return current.Snapshot;
            if (!removed && changed > options.Value.SnapshotCatchUpLimit)
            {
                _ = CatchUpInBackgroundAsync();
                return current.Snapshot;
            }
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            // A load that began after this search asked has everything the search must see.
            if (_current is { } loaded && loaded.StartedAt >= asked) return loaded.Snapshot;
            return (await LoadAsync(Current, cancellationToken)).Snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The snapshot to bring up to date, or null when it must be read whole.</summary>
    private Loaded? Current => _current is { } current && Stopwatch.GetElapsedTime(current.StartedAt) < ReadAfreshAfter ? current : null;

    /// <summary>How many products were written since <paramref name="seen"/> (counted up to one past the limit), and whether any was removed.</summary>
    private async Task<(int Changed, bool Removed)> ChangesSinceAsync(string seen, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT (SELECT count(*) FROM (SELECT 1 FROM search_products {ChangedSql} LIMIT @limit + 1) AS c)::int,
                   EXISTS (SELECT 1 FROM search_removals {ChangedSql})
            """);
        command.Parameters.AddWithValue("seen", seen);
        command.Parameters.AddWithValue("limit", options.Value.SnapshotCatchUpLimit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetBoolean(1));
    }

    /// <summary>Brings the snapshot up to date unless a load is already under way; a failure waits for the next search.</summary>
    private async Task CatchUpInBackgroundAsync()
    {
        if (!await _loading.WaitAsync(0)) return;
        try
        {
            await Task.Yield(); // off the search's own path
            await LoadAsync(Current, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Search snapshot not brought up to date in the background; the next search tries again");
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Reads everything (<paramref name="previous"/> null) or what changed since <paramref name="previous"/>.</summary>
    private async Task<Loaded> LoadAsync(Loaded? previous, CancellationToken cancellationToken)
    {
        var startedAt = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var changed = previous is null ? "" : ChangedSql;
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_current_snapshot()::text"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT {IndexedProduct.Columns} FROM search_products {changed}"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(previous is null ? "SELECT NULL::uuid WHERE false" : $"""
            SELECT r.product_id FROM search_removals r {changed}
              AND NOT EXISTS (SELECT 1 FROM search_products s WHERE s.product_id = r.product_id)
            """));
        if (previous is not null)
            for (var i = 1; i < batch.BatchCommands.Count; i++) batch.BatchCommands[i].Parameters.AddWithValue("seen", previous.Seen);

        string seen;
        var upserted = new List<IndexedProduct>();
        var removed = new List<Guid>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            seen = reader.GetString(0);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) upserted.Add(IndexedProduct.Read(reader, Intern));
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) removed.Add(reader.GetGuid(0));
        }
        await transaction.CommitAsync(cancellationToken);

        var snapshot = previous is null ? Rebuilt(upserted) : Next(previous.Snapshot, upserted, removed);
        var loaded = new Loaded(snapshot, seen, startedAt);
        _current = loaded;
        if (previous is null || upserted.Count + removed.Count > 0)
            logger.LogDebug("Search snapshot: {Upserted} products read, {Removed} removed, {Count} in all, in {Ms:0} ms",
                upserted.Count, removed.Count, snapshot.Count, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
        return loaded;
    }

    private SearchSnapshot Next(SearchSnapshot snapshot, List<IndexedProduct> upserted, List<Guid> removed)
    {
        var dead = new List<int>();
        foreach (var id in removed.Concat(upserted.Select(p => p.Id)))
            if (_slots.Remove(id, out var slot)) dead.Add(slot);
        var next = snapshot.With(dead, upserted, out var slots);
        for (var i = 0; i < upserted.Count; i++) _slots[upserted[i].Id] = slots[i];
        return next.NeedsPacking ? Rebuilt(next.Slots.OfType<IndexedProduct>().ToList()) : next;
    }

    private SearchSnapshot Rebuilt(List<IndexedProduct> products)
    {
        var snapshot = SearchSnapshot.Build(products);
        _slots.Clear();
        for (var slot = 0; slot < products.Count; slot++) _slots[products[slot].Id] = slot;
        return snapshot;
    }

    private string Intern(string value)
    {
        if (_strings.TryGetValue(value, out var shared)) return shared;
        if (_strings.Count > 100_000) _strings.Clear(); // store names and lexemes repeat; anything else should not pile up
        return _strings[value] = value;
    }
}
