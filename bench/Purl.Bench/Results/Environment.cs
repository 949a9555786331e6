using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Purl.Bench.Results;

/// <summary>What a row says about where and on what code it ran.</summary>
public static partial class RunEnvironment
{
    /// <summary>"2 cores, 23.5 GiB, AMD EPYC" from the runtime and /proc.</summary>
    public static string Machine()
    {
        var memory = ProcFirst("/proc/meminfo", MemTotal()) is { } kb ? $"{long.Parse(kb) / 1024.0 / 1024.0:F1} GiB" : "? GiB";
        var cpu = ProcFirst("/proc/cpuinfo", ModelName()) ?? "unknown CPU";
        return $"{Environment.ProcessorCount} cores, {memory}, {cpu.Trim()}";
    }

    /// <summary>The 1-minute load average: other work on the box (builds, tests) skews every figure.</summary>
    public static double? LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : null;

    /// <summary>Short hash of HEAD, plus "+dirty" when anything but bench/results.md differs from it.</summary>
    public static string Commit(string repoRoot)
    {
        var head = Git(repoRoot, "rev-parse", "--short", "HEAD");
        if (head is null)
            return "unknown";
        var status = Git(repoRoot, "status", "--porcelain", "--", ".", ":(exclude)bench/results.md");
        return string.IsNullOrWhiteSpace(status) ? head.Trim() : head.Trim() + "+dirty";
    }

    private static string? Git(string repoRoot, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        try
        {
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? ProcFirst(string path, Regex pattern) =>
        File.Exists(path) && pattern.Match(File.ReadAllText(path)) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^MemTotal:\s+(\d+) kB", RegexOptions.Multiline)]
    private static partial Regex MemTotal();

    [GeneratedRegex(@"^model name\s*:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex ModelName();
}
