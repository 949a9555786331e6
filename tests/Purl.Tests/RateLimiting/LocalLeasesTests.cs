using Purl.Core.RateLimiting;

namespace Purl.Tests.RateLimiting;

/// <summary>The permits an API instance holds for its clients between Redis calls.</summary>
public sealed class LocalLeasesTests
{
    private const string Client = "ratelimit:search:10.0.0.1";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public void Two_leases_taken_in_one_window_add_up()
    {
        var leases = new LocalLeases(new StoppedClock());
        leases.Keep(Client, 5, Window);
        leases.Keep(Client, 3, Window);

        Assert.Equal(8, SpendAll(leases));
    }

    [Fact]
    public void Refused_spends_do_not_eat_into_the_next_lease()
    {
        var leases = new LocalLeases(new StoppedClock());
        leases.Keep(Client, 1, Window);
        Assert.Equal(1, SpendAll(leases));
        Assert.False(leases.TrySpend(Client));
        Assert.False(leases.TrySpend(Client));

        leases.Keep(Client, 2, Window);

        Assert.Equal(2, SpendAll(leases));
    }

    [Fact]
    public void A_lease_from_an_ended_window_is_replaced_not_topped_up()
    {
        var clock = new StoppedClock();
        var leases = new LocalLeases(clock);
        leases.Keep(Client, 5, Window);
        clock.Advance(Window);

        Assert.False(leases.TrySpend(Client));
        leases.Keep(Client, 3, Window);

        Assert.Equal(3, SpendAll(leases));
    }

    private static int SpendAll(LocalLeases leases)
    {
        var spent = 0;
        while (spent < 1_000 && leases.TrySpend(Client)) spent++;
        return spent;
    }

    /// <summary>Time that moves only when told.</summary>
    private sealed class StoppedClock : TimeProvider
    {
        private long _now = 1_000_000;

        public override long TimestampFrequency => 1_000;

        public override long GetTimestamp() => _now;

        public void Advance(TimeSpan by) => _now += (long)by.TotalMilliseconds;
    }
}
