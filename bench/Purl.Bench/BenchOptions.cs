using System.Text.RegularExpressions;

namespace Purl.Bench;

/// <summary>A bad command line: printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A run that could not be done (target down, wrk missing, …): printed as one line, exit code 1.</summary>
public sealed class BenchException(string message) : Exception(message);

public sealed partial record BenchOptions(
    string? Scenario, Uri? Url, int Connections, TimeSpan Duration, int Threads, TimeSpan Warmup, bool List, bool Help)
{
    /// <summary>Every run is bounded: no duration above this.</summary>
    public const int MaxSeconds = 600;

    public const string Usage = """
        usage: purl-bench <scenario> [--url http://127.0.0.1:PORT] [--connections 64] [--duration 10s] [--threads 2] [--warmup 3s]
               purl-bench --list
          --url          base address of the API (loopback only); default: "api" in .purl/urls.json (written by the AppHost)
          --connections  concurrent connections (wrk -c) or concurrent workers for flows, 1..10000 (default 64)
          --duration     measured time, 1s..10m, whole seconds or minutes (default 10s)
          --threads      wrk threads, at most --connections (default 2)
          --warmup       unmeasured load before the measured run, 0s..10m (default 3s)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        string? scenario = null;
        Uri? url = null;
        int connections = 64, threads = 2;
        TimeSpan duration = TimeSpan.FromSeconds(10), warmup = TimeSpan.FromSeconds(3);
        bool list = false, help = false;

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? inline = null;
            if (name.StartsWith("--", StringComparison.Ordinal) && name.IndexOf('=') is var eq and > 0)
                (name, inline) = (name[..eq], name[(eq + 1)..]);

            string Value() => inline ?? (++i < args.Count ? args[i] : throw new UsageException($"{name} needs a value"));

            switch (name)
            {
                case "--list": list = true; break;
                case "-h" or "--help": help = true; break;
                case "--url": url = ParseUrl(Value()); break;
                case "-c" or "--connections": connections = ParseInt(name, Value(), 1, 10_000); break;
                case "-t" or "--threads": threads = ParseInt(name, Value(), 1, 64); break;
                case "-d" or "--duration": duration = ParseDuration(name, Value(), minSeconds: 1); break;
                case "--warmup": warmup = ParseDuration(name, Value(), minSeconds: 0); break;
                case var _ when name.StartsWith('-'): throw new UsageException($"unknown option {name} (see --help)");
                default:
                    if (scenario is not null)
                        throw new UsageException($"one scenario at a time (got '{scenario}' and '{name}')");
                    scenario = name;
                    break;
            }
        }

        if (threads > connections)
            throw new UsageException($"--threads ({threads}) cannot exceed --connections ({connections})");
        if (scenario is null && !list && !help)
            throw new UsageException("name a scenario (see --list)");
        return new(scenario, url, connections, duration, threads, warmup, list, help);
    }

    /// <summary>Load goes to this machine only: 127.0.0.0/8, ::1 or localhost, and a bare base address.</summary>
    public static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new UsageException($"--url must be an http(s) address, got '{text}'");
        if (!Loopback.Is(uri))
            throw new UsageException($"refusing to load '{uri.Host}': only loopback targets (127.0.0.0/8, ::1, localhost)");
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
            throw new UsageException($"--url takes a base address without a path, like http://127.0.0.1:5080 (got '{text}')");
        return uri;
    }

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{name} must be a whole number from {min} to {max}, got '{text}'");

    /// <summary>wrk takes whole seconds, so does the bench: "30", "30s", "2m".</summary>
    private static TimeSpan ParseDuration(string name, string text, int minSeconds)
    {
        var match = DurationPattern().Match(text);
        var seconds = match.Success && int.TryParse(match.Groups[1].Value, out var n)
            ? match.Groups[2].Value == "m" ? n * 60L : n
            : -1;
        if (seconds < minSeconds || seconds > MaxSeconds)
            throw new UsageException($"{name} must be {minSeconds}s to {MaxSeconds / 60}m, like 10s or 2m, got '{text}'");
        return TimeSpan.FromSeconds(seconds);
    }

    [GeneratedRegex(@"^(\d{1,6})(s|m)?$")]
    private static partial Regex DurationPattern();
}
