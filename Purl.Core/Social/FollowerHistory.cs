using Npgsql;
using Purl.Core.Analytics;
using Purl.Core.Counters;

namespace Purl.Core.Social;

public sealed record FollowerDayFigure(DateOnly Day, int NewFollowers, long Followers);

public sealed record FollowerHistoryReport(string Range, long FollowerCount, IReadOnlyList<FollowerDayFigure> Days);

/// <summary>
/// A store's followers day by day (Africa/Nairobi days), from <c>vendor_daily_stats.new_followers</c> — follows minus
/// unfollows that day — walked back from today's follower count.
/// </summary>
public sealed class FollowerHistory(NpgsqlDataSource dataSource, HotCounters counters, TimeProvider time)
{
    public static readonly IReadOnlyDictionary<string, int> Ranges = new Dictionary<string, int> { ["7d"] = 7, ["30d"] = 30, ["90d"] = 90 };

    public async Task<Outcome<FollowerHistoryReport>> ReadAsync(Guid vendorId, string? range, CancellationToken ct)
    {
        range = string.IsNullOrWhiteSpace(range) ? "30d" : range.Trim().ToLowerInvariant();
        if (!Ranges.TryGetValue(range, out var days))
            return Problem.Invalid("range", $"Range is one of {string.Join(", ", Ranges.Keys)}.");

        var today = NairobiTime.Day(time.GetUtcNow());
        var first = today.AddDays(1 - days);
        var net = new Dictionary<DateOnly, long>();
        long stored;
        StreamId countedThrough;
        await using (var command = dataSource.CreateCommand($"""
            SELECT follower_count, NULL::date, 0, {HotCounters.CountedThroughColumn} FROM vendors WHERE id = $1
            UNION ALL
            SELECT NULL, day, new_followers, NULL FROM vendor_daily_stats WHERE vendor_id = $1 AND day >= $2
            """))
        {
            command.Parameters.Add(new() { Value = vendorId });
            command.Parameters.Add(new() { Value = first });
            await using var reader = await command.ExecuteReaderAsync(ct);
            stored = -1;
            countedThrough = StreamId.Zero;
            while (await reader.ReadAsync(ct))
            {
                if (reader.IsDBNull(1)) (stored, countedThrough) = (reader.GetInt64(0), HotCounters.CountedThrough(reader, 3));
                else net[reader.GetFieldValue<DateOnly>(1)] = reader.GetInt32(2);
            }
        }
        if (stored < 0) return new Problem(ProblemKind.NotFound, "Store not found.");

        var allDays = Enumerable.Range(0, days).Select(i => first.AddDays(i)).ToList();
        var keys = allDays.Select(d => CounterKey.VendorDayFollowers(vendorId, d)).Append(CounterKey.VendorFollowers(vendorId)).ToList();
        var pending = await counters.PendingAsync(keys, countedThrough, ct);
        var followers = Math.Max(0, stored + pending[^1]);

        var figures = new FollowerDayFigure[days];
        var atEndOfDay = followers;
        for (var i = days - 1; i >= 0; i--)
        {
            var change = net.GetValueOrDefault(allDays[i]) + pending[i];
            figures[i] = new FollowerDayFigure(allDays[i], (int)change, Math.Max(0, atEndOfDay));
            atEndOfDay -= change;
        }
        return new FollowerHistoryReport(range, followers, figures);
    }
}
