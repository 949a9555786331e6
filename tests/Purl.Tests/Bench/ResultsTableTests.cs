using Purl.Bench;
using Purl.Bench.Results;

namespace Purl.Tests.Bench;

public sealed class ResultsTableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("purl-bench-").FullName;

    private static ResultRow Row(string scenario, params string[] notes) => new(
        new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), "abc1234+dirty", scenario, 64, TimeSpan.FromSeconds(10),
        new Measurement(1000, 81234.6, 0.61, 1.234, 3.1, 2, "errors: 2 non-2xx/3xx"), "2 cores, 23.5 GiB, AMD EPYC", notes);

    [Fact]
    public void The_first_run_creates_the_table_and_later_runs_append_to_it()
    {
        var path = Path.Combine(_dir, "results.md");

        ResultsTable.Append(path, Row("alive", "ratio 91%"));
        ResultsTable.Append(path, Row("health"));

        var lines = File.ReadAllLines(path);
        Assert.Single(lines, l => l.StartsWith("| date (UTC) |", StringComparison.Ordinal));
        Assert.Equal(
            "| 2026-01-02 03:04 | abc1234+dirty | alive | 64 | 10s | 81235 | 0.61 | 1.23 | 3.10 | 2 | 2 cores, 23.5 GiB, AMD EPYC | ratio 91% |",
            lines[^2]);
        Assert.StartsWith("| 2026-01-02 03:04 | abc1234+dirty | health |", lines[^1]);
    }

    [Fact]
    public void Notes_cannot_break_the_table() =>
        Assert.EndsWith("| a \\| b; c d |", ResultsTable.Format(Row("alive", "a | b", "c\nd")));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
