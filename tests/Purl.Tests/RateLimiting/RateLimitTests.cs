using Microsoft.Extensions.DependencyInjection;
using Purl.Core.RateLimiting;
using Purl.Tests.Infrastructure;
using StackExchange.Redis;

namespace Purl.Tests.RateLimiting;

public sealed class RateLimitTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sixty_first_search_in_a_minute_is_refused_with_a_retry_after()
    {
        var limiter = app.GetRequiredService<RateLimiter>();
        var client = $"ip:{Guid.NewGuid()}";

        for (var i = 0; i < 60; i++)
            Assert.True((await limiter.AcquireAsync(RateLimitNames.Search, client, Ct)).Allowed, $"request {i + 1}");
        var refused = await limiter.AcquireAsync(RateLimitNames.Search, client, Ct);

        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Two_api_instances_share_one_count_per_client()
    {
        var decisions = await AcquireOnTwoInstancesAsync(RateLimitNames.Payment, $"user:{Guid.NewGuid()}", 6);

        Assert.Equal([true, true, true, true, true, false], decisions);
    }

    [Fact]
    public async Task An_instance_takes_a_tenth_of_a_limit_from_redis_at_a_time()
    {
        var limiter = app.GetRequiredService<RateLimiter>();
        var client = $"ip:{Guid.NewGuid()}";

        Assert.True((await limiter.AcquireAsync(RateLimitNames.Marketplace, client, Ct)).Allowed);
        Assert.Equal(20, (long)await app.GetRequiredService<IDatabase>().StringGetAsync($"ratelimit:{RateLimitNames.Marketplace}:{client}"));
        for (var i = 1; i < 200; i++)
            Assert.True((await limiter.AcquireAsync(RateLimitNames.Marketplace, client, Ct)).Allowed, $"request {i + 1}");
        Assert.False((await limiter.AcquireAsync(RateLimitNames.Marketplace, client, Ct)).Allowed);
    }

    [Fact]
    public async Task Leases_on_two_instances_never_let_a_client_past_its_limit()
    {
        var allowed = (await AcquireOnTwoInstancesAsync(RateLimitNames.Marketplace, $"ip:{Guid.NewGuid()}", 300)).Count(a => a);

        // At most the limit; at the least, the limit less what each instance still held when the other ran out.
        Assert.InRange(allowed, 200 - 2 * 19, 200);
    }

    [Fact]
    public async Task Clients_are_counted_apart()
    {
        var limiter = app.GetRequiredService<RateLimiter>();
        var first = $"ip:{Guid.NewGuid()}";
        for (var i = 0; i < 5; i++) await limiter.AcquireAsync(RateLimitNames.Payment, first, Ct);

        Assert.False((await limiter.AcquireAsync(RateLimitNames.Payment, first, Ct)).Allowed);
        Assert.True((await limiter.AcquireAsync(RateLimitNames.Payment, $"ip:{Guid.NewGuid()}", Ct)).Allowed);
    }

    /// <summary>Whether each of <paramref name="count"/> requests of one client was allowed, alternating between this API instance and a second one.</summary>
    private async Task<List<bool>> AcquireOnTwoInstancesAsync(string policy, string client, int count)
    {
        await using var other = app.StartAnotherInstance();
        RateLimiter[] instances = [app.GetRequiredService<RateLimiter>(), other.Services.GetRequiredService<RateLimiter>()];
        var decisions = new List<bool>();
        for (var i = 0; i < count; i++)
            decisions.Add((await instances[i % 2].AcquireAsync(policy, client, Ct)).Allowed);
        return decisions;
    }
}
