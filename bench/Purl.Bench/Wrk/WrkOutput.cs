using System.Globalization;
using System.Text.RegularExpressions;

namespace Purl.Bench.Wrk;

/// <summary>
/// Reads wrk 4's text report (Requests/sec, the --latency distribution, socket errors, non-2xx/3xx responses)
/// and the one line report.lua adds, which carries the p95 wrk's table lacks.
/// </summary>
public static partial class WrkOutput
{
    public static Measurement Parse(string output)
    {
        var rps = RequestsPerSecond().Match(output);
        var script = ScriptLine().Match(output);
        if (!rps.Success || !script.Success)
            throw new BenchException($"cannot read wrk's report (is Wrk/report.lua beside the bench?):\n{output}");

        var distribution = Distribution().Matches(output)
            .ToDictionary(m => int.Parse(m.Groups[1].Value), m => Milliseconds(m.Groups[2].Value, m.Groups[3].Value));
        var fromScript = ScriptFields().Matches(script.Groups[1].Value)
            .ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value));

        var socket = SocketErrors().Match(output);
        long connect = Group(socket, 1), read = Group(socket, 2), write = Group(socket, 3), timeout = Group(socket, 4);
        var status = Group(NonSuccess().Match(output), 1);
        var errors = connect + read + write + timeout + status;
        var detail = errors == 0
            ? ""
            : $"errors: {status} non-2xx/3xx, socket connect {connect} read {read} write {write} timeout {timeout}";

        return new Measurement(
            Requests: fromScript["requests"],
            RequestsPerSecond: double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            P50Ms: distribution.GetValueOrDefault(50, fromScript["p50_us"] / 1000.0),
            P95Ms: fromScript["p95_us"] / 1000.0,
            P99Ms: distribution.GetValueOrDefault(99, fromScript["p99_us"] / 1000.0),
            Errors: errors,
            ErrorDetail: detail);
    }

    private static long Group(Match match, int group) => match.Success ? long.Parse(match.Groups[group].Value) : 0;

    private static double Milliseconds(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch
        {
            "us" => 0.001,
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            _ => 3_600_000,
        };

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", RegexOptions.Multiline)]
    private static partial Regex Distribution();

    [GeneratedRegex(@"^purl-bench: (.*)$", RegexOptions.Multiline)]
    private static partial Regex ScriptLine();

    [GeneratedRegex(@"(\w+)=(\d+)")]
    private static partial Regex ScriptFields();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();
}
