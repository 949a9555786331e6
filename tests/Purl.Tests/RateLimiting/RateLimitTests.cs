using Microsoft.Extensions.DependencyInjection;
using Purl.Core.RateLimiting;
using Purl.Tests.Infrastructure;

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
        await using var other = app.StartAnotherInstance();
        var here = app.GetRequiredService<RateLimiter>();
        var there = other.Services.GetRequiredService<RateLimiter>();
        var client = $"user:{Guid.NewGuid()}";

        var decisions = new List<bool>();
        for (var i = 0; i < 6; i++)
            decisions.Add((await (i % 2 == 0 ? here : there).AcquireAsync(RateLimitNames.Payment, client, Ct)).Allowed);

        Assert.Equal([true, true, true, true, true, false], decisions);
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
}
