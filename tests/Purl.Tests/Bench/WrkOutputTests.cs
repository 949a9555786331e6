using Purl.Bench.Wrk;

namespace Purl.Tests.Bench;

public class WrkOutputTests
{
    // wrk 4.1 (Debian) with --latency and bench/Purl.Bench/Wrk/report.lua, errors added.
    private const string Report = """
        Running 3s test @ http://127.0.0.1:36469/alive
          2 threads and 64 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency   627.31us  386.86us   7.83ms   89.22%
            Req/Sec    44.95k     7.09k   56.34k    66.67%
          Latency Distribution
             50%  552.00us
             75%  713.00us
             90%    0.95ms
             99%    1.99s
          268391 requests in 3.00s, 40.70MB read
          Socket errors: connect 1, read 2, write 3, timeout 4
          Non-2xx or 3xx responses: 17
        Requests/sec:  89424.23
        Transfer/sec:     13.56MB
        purl-bench: requests=268391 duration_us=3001323 p50_us=552 p75_us=713 p90_us=955 p95_us=1149 p99_us=1994 max_us=7828 connect=1 read=2 write=3 timeout=4 status=17
        """;

    [Fact]
    public void Throughput_percentiles_and_errors_come_from_the_report()
    {
        var m = WrkOutput.Parse(Report);

        Assert.Equal(89424.23, m.RequestsPerSecond);
        Assert.Equal(268391, m.Requests);
        Assert.Equal(0.552, m.P50Ms, 6);
        Assert.Equal(1.149, m.P95Ms, 6);
        Assert.Equal(1990, m.P99Ms, 6);
        Assert.Equal(1 + 2 + 3 + 4 + 17, m.Errors);
        Assert.Contains("17 non-2xx/3xx", m.ErrorDetail);
    }

    [Fact]
    public void A_clean_run_has_no_errors()
    {
        var clean = string.Join('\n', Report.Split('\n').Where(l => !l.Contains("errors:") && !l.Contains("Non-2xx")));

        Assert.Equal((0, ""), (WrkOutput.Parse(clean).Errors, WrkOutput.Parse(clean).ErrorDetail));
    }

    [Fact]
    public void A_report_without_the_script_line_is_refused() =>
        Assert.Throws<Purl.Bench.BenchException>(() => WrkOutput.Parse(Report[..Report.IndexOf("purl-bench:", StringComparison.Ordinal)]));
}
