namespace Purl.Bench;

/// <summary>One measured run: what a results row holds besides the notes. Latencies in milliseconds.</summary>
public sealed record Measurement(
    long Requests, double RequestsPerSecond, double P50Ms, double P95Ms, double P99Ms, long Errors, string ErrorDetail)
{
    public string Summary => $"{RequestsPerSecond:F0} req/s, p50 {P50Ms:0.00} ms, p99 {P99Ms:0.00} ms";
}
