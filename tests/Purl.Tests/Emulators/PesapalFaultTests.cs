using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Purl.Emulators.Pesapal;

namespace Purl.Tests.Emulators;

/// <summary>Fault windows: Pesapal answering 5xx or slowly, for some calls or for a while. Faults are global, so they live in this class alone.</summary>
public sealed class PesapalFaultTests(EmulatorApp emulator) : IClassFixture<EmulatorApp>, IAsyncLifetime
{
    private readonly PesapalTestClient _pesapal = new(emulator.CreateClient());

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        using var _ = await _pesapal.Http.DeleteAsync("/_emulator/pesapal/faults");
    }

    [Fact]
    public async Task The_next_n_calls_answer_5xx_and_the_one_after_is_served()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await _pesapal.TokenAsync(ct);
        await SetFaultAsync(new { statusCode = 503, calls = 2 }, ct);

        var first = await _pesapal.GetAsync(PesapalRoutes.GetIpnList, token, ct);
        var second = await _pesapal.GetAsync(PesapalRoutes.GetIpnList, token, ct);
        var third = await _pesapal.GetAsync(PesapalRoutes.GetIpnList, token, ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.HttpStatus);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.HttpStatus);
        Assert.Equal(HttpStatusCode.OK, third.HttpStatus);
    }

    [Fact]
    public async Task A_timed_window_answers_5xx_until_it_closes()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await _pesapal.TokenAsync(ct);
        await SetFaultAsync(new { statusCode = 500, durationMs = 2000 }, ct);

        var during = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _pesapal.GetAsync(PesapalRoutes.GetIpnList, token, ct)));
        await Task.Delay(2200, ct);
        var after = await _pesapal.GetAsync(PesapalRoutes.GetIpnList, token, ct);

        Assert.All(during, answer => Assert.Equal(HttpStatusCode.InternalServerError, answer.HttpStatus));
        Assert.Equal(HttpStatusCode.OK, after.HttpStatus);
    }

    [Fact]
    public async Task A_slow_window_delays_the_answer_but_serves_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await _pesapal.TokenAsync(ct);
        await SetFaultAsync(new { delayMs = 600, calls = 1 }, ct);

        var watch = Stopwatch.StartNew();
        var slow = await _pesapal.GetAsync(PesapalRoutes.GetIpnList, token, ct);
        var slowTook = watch.Elapsed;
        watch.Restart();
        await _pesapal.GetAsync(PesapalRoutes.GetIpnList, token, ct);
        var nextTook = watch.Elapsed;

        Assert.Equal(HttpStatusCode.OK, slow.HttpStatus);
        Assert.True(slowTook >= TimeSpan.FromMilliseconds(550), $"took {slowTook.TotalMilliseconds} ms");
        Assert.True(nextTook < slowTook, $"the next call took {nextTook.TotalMilliseconds} ms");
        using var fault = await _pesapal.Http.GetAsync("/_emulator/pesapal/faults", ct);
        Assert.Equal(HttpStatusCode.NoContent, fault.StatusCode);
    }

    [Fact]
    public async Task A_fault_for_one_operation_leaves_the_others_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        var ipnId = await _pesapal.RegisterIpnAsync(PesapalTestClient.NowhereIpnUrl, "GET", ct);
        await SetFaultAsync(new { statusCode = 502, operation = "SubmitOrderRequest" }, ct);

        var submit = await _pesapal.SubmitAsync(PesapalTestClient.Order(ipnId), ct);
        var token = await _pesapal.RequestTokenAsync(EmulatorApp.ConsumerKey, EmulatorApp.ConsumerSecret, ct);

        Assert.Equal(HttpStatusCode.BadGateway, submit.HttpStatus);
        Assert.Equal(HttpStatusCode.OK, token.HttpStatus);
    }

    [Fact]
    public async Task A_fault_that_is_not_5xx_is_refused()
    {
        using var response = await _pesapal.Http.PostAsJsonAsync("/_emulator/pesapal/faults", new { statusCode = 404 }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task SetFaultAsync(object fault, CancellationToken ct)
    {
        using var response = await _pesapal.Http.PostAsJsonAsync("/_emulator/pesapal/faults", fault, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
