namespace Purl.Bench.Results;

public sealed record ResultRow(
    DateTime Utc, string Commit, string Scenario, int Connections, TimeSpan Duration,
    Measurement Measurement, string Machine, IReadOnlyList<string> Notes);

/// <summary>bench/results.md: a Markdown table that only this command writes, one row per run.</summary>
public static class ResultsTable
{
    public const string Header = """
        # Bench results

        Rows are appended by `Purl.Bench` after each run (see README.md); they are never written by hand.
        Latencies in milliseconds. Commit `+dirty`: the tree had uncommitted changes besides this file.

        | date (UTC) | commit | scenario | connections | duration | req/s | p50 | p95 | p99 | errors | machine | notes |
        | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |

        """;

    public static string PathIn(string repoRoot) => Path.Combine(repoRoot, "bench", "results.md");

    public static void Append(string path, ResultRow row)
    {
        if (!File.Exists(path))
            File.WriteAllText(path, Header);
        else if (!File.ReadAllText(path).EndsWith('\n'))
            File.AppendAllText(path, "\n");
        File.AppendAllText(path, Format(row) + "\n");
    }

    public static string Format(ResultRow row)
    {
        var m = row.Measurement;
        string[] cells =
        [
            row.Utc.ToString("yyyy-MM-dd HH:mm"), row.Commit, row.Scenario, $"{row.Connections}",
            $"{row.Duration.TotalSeconds:F0}s", $"{m.RequestsPerSecond:F0}", $"{m.P50Ms:0.00}", $"{m.P95Ms:0.00}",
            $"{m.P99Ms:0.00}", $"{m.Errors}", row.Machine, string.Join("; ", row.Notes),
        ];
        return "| " + string.Join(" | ", cells.Select(Cell)) + " |";
    }

    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|");
}
