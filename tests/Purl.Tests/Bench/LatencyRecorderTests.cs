using Purl.Bench.Flow;

namespace Purl.Tests.Bench;

public class LatencyRecorderTests
{
    [Fact]
    public void Small_latencies_are_exact()
    {
        var recorder = new LatencyRecorder();
        foreach (var us in new long[] { 5, 10, 20, 40, 100 })
            recorder.RecordMicroseconds(us);

        Assert.Equal(new long[] { 10, 40, 100 }, new[] { 40.0, 80, 100 }.Select(recorder.PercentileMicroseconds));
    }

    [Theory]
    [InlineData(50, 50_000)]
    [InlineData(95, 95_000)]
    [InlineData(99, 99_000)]
    [InlineData(99.9, 99_900)]
    public void Percentiles_of_a_wide_spread_are_within_one_sixty_fourth(double percent, long expected)
    {
        var recorder = new LatencyRecorder();
        for (var us = 1; us <= 100_000; us++)
            recorder.RecordMicroseconds(us);

        var reported = recorder.PercentileMicroseconds(percent);

        Assert.InRange(reported, expected, expected + expected / 64);
    }

    [Fact]
    public void Recorders_from_several_workers_add_up()
    {
        var fast = new LatencyRecorder();
        var slow = new LatencyRecorder();
        for (var i = 0; i < 90; i++)
            fast.RecordMicroseconds(100);
        for (var i = 0; i < 10; i++)
            slow.RecordMicroseconds(2_000_000);

        var all = new LatencyRecorder();
        all.Add(fast);
        all.Add(slow);

        Assert.Equal((100, 100, 2_000_000), (all.Count, all.PercentileMicroseconds(90), all.PercentileMicroseconds(91)));
        Assert.Equal(2_000_000, all.MaxMicroseconds);
    }

    [Fact]
    public void An_empty_recorder_reports_zero() => Assert.Equal(0, new LatencyRecorder().PercentileMicroseconds(99));
}
