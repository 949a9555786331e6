using Npgsql;

namespace Purl.Core.Search;

/// <summary>
/// The categories by id and slug, read from Postgres and kept in memory for a minute: a handful of rows that the search
/// needs on every request (to accept <c>category=shoes</c> and to name the facets).
/// </summary>
public sealed class CategoryDirectory(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private volatile Snapshot? _snapshot;

    public sealed record Entry(Guid Id, string Slug, string Name);

    /// <summary>The category with this id or slug, or null when there is none.</summary>
    public async Task<Entry?> FindAsync(string idOrSlug, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        if (Guid.TryParse(idOrSlug, out var id)) return snapshot.ById.GetValueOrDefault(id);
        return snapshot.BySlug.GetValueOrDefault(idOrSlug);
    }

    public async Task<IReadOnlyDictionary<Guid, Entry>> AllAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).ById;

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (current is not null && time.GetUtcNow() - current.LoadedAt < Lifetime) return current;

        var entries = new List<Entry>();
        await using var command = dataSource.CreateCommand("SELECT id, slug, name FROM categories");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(new Entry(reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        return _snapshot = new Snapshot(
            entries.ToDictionary(e => e.Id), entries.ToDictionary(e => e.Slug, StringComparer.OrdinalIgnoreCase), time.GetUtcNow());
    }

    private sealed record Snapshot(Dictionary<Guid, Entry> ById, Dictionary<string, Entry> BySlug, DateTimeOffset LoadedAt);
}
