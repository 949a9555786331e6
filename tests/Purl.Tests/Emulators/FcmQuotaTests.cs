using System.Net;
using System.Net.Http.Json;

namespace Purl.Tests.Emulators;

/// <summary>The per-minute quota and the share of 503s. Both are project-wide, so they live in this class alone.</summary>
public sealed class FcmQuotaTests(EmulatorApp emulator) : IClassFixture<EmulatorApp>, IAsyncLifetime
{
    private readonly FcmTestClient _fcm = new(emulator.CreateClient());

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        using var _ = await _fcm.Http.PostAsync("/_emulator/fcm/reset", null);
    }

    [Fact]
    public async Task Over_the_quota_sends_get_429_quota_exceeded_with_retry_after_until_the_window_refills()
    {
        var ct = TestContext.Current.CancellationToken;
        using var set = await _fcm.Http.PutAsJsonAsync("/_emulator/fcm/quota", new { perMinute = 5, windowMs = 3000 }, ct);

        var within = new List<FcmAnswer>();
        for (var i = 0; i < 5; i++) within.Add(await _fcm.SendAsync(FcmTestClient.ToToken(FcmTestClient.NewToken()), ct));
        var over = await _fcm.SendAsync(FcmTestClient.ToToken(FcmTestClient.NewToken()), ct);
        await Task.Delay(over.RetryAfter!.Value + TimeSpan.FromMilliseconds(200), ct);
        var refilled = await _fcm.SendAsync(FcmTestClient.ToToken(FcmTestClient.NewToken()), ct);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.All(within, a => Assert.Equal(HttpStatusCode.OK, a.HttpStatus));
        Assert.Equal(HttpStatusCode.TooManyRequests, over.HttpStatus);
        Assert.Equal("QUOTA_EXCEEDED", over.ErrorCode);
        Assert.Equal("RESOURCE_EXHAUSTED", over.Status);
        Assert.InRange(over.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.OK, refilled.HttpStatus);
    }

    [Fact]
    public async Task The_quota_counts_messages_exactly_under_concurrency()
    {
        var ct = TestContext.Current.CancellationToken;
        using var _ = await _fcm.Http.PutAsJsonAsync("/_emulator/fcm/quota", new { perMinute = 100 }, ct);

        var answers = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => _fcm.SendAsync(FcmTestClient.ToToken(FcmTestClient.NewToken()), ct)));

        Assert.Equal(100, answers.Count(a => a.HttpStatus == HttpStatusCode.OK));
        Assert.Equal(200, answers.Count(a => a.HttpStatus == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task With_a_fraction_of_one_every_send_is_503_unavailable_with_retry_after_and_zero_turns_it_off()
    {
        var ct = TestContext.Current.CancellationToken;
        using var on = await _fcm.Http.PutAsJsonAsync("/_emulator/fcm/unavailable", new { fraction = 1.0, retryAfterSeconds = 7 }, ct);
        var unavailable = await _fcm.SendAsync(FcmTestClient.ToToken(FcmTestClient.NewToken()), ct);
        using var off = await _fcm.Http.PutAsJsonAsync("/_emulator/fcm/unavailable", new { fraction = 0.0 }, ct);
        var available = await _fcm.SendAsync(FcmTestClient.ToToken(FcmTestClient.NewToken()), ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.HttpStatus);
        Assert.Equal("UNAVAILABLE", unavailable.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), unavailable.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, available.HttpStatus);
    }

    [Fact]
    public async Task A_fraction_of_a_half_fails_about_half_the_sends()
    {
        var ct = TestContext.Current.CancellationToken;
        using var _ = await _fcm.Http.PutAsJsonAsync("/_emulator/fcm/unavailable", new { fraction = 0.5 }, ct);

        var answers = await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => _fcm.SendAsync(FcmTestClient.ToToken(FcmTestClient.NewToken()), ct)));

        Assert.InRange(answers.Count(a => a.HttpStatus == HttpStatusCode.ServiceUnavailable), 140, 260);
    }

    [Fact]
    public async Task Reset_forgets_messages_and_puts_the_settings_back()
    {
        var ct = TestContext.Current.CancellationToken;
        using var quota = await _fcm.Http.PutAsJsonAsync("/_emulator/fcm/quota", new { perMinute = 1 }, ct);
        await _fcm.SendAsync(FcmTestClient.ToToken(FcmTestClient.NewToken()), ct);

        using var reset = await _fcm.Http.PostAsync("/_emulator/fcm/reset", null, ct);
        var summary = await _fcm.GetAsync("/_emulator/fcm/summary", ct);
        var settings = await _fcm.GetAsync("/_emulator/fcm/settings", ct);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(0, summary.GetProperty("delivered").GetInt64());
        Assert.Equal(0, settings.GetProperty("quotaPerMinute").GetInt32());
    }
}
