using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Purl.Bench.Flow;

namespace Purl.Tests.Bench;

public sealed class FlowRunnerTests : IAsyncLifetime
{
    private WebApplication _server = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Urls.Add("http://127.0.0.1:0");
        _server.MapGet("/ok", () => "ok");
        _server.MapGet("/broken", () => Results.StatusCode(500));
        await _server.StartAsync();
        _http = FlowRunner.CreateClient(new Uri(_server.Urls.Single()), workers: 4);
    }

    [Fact]
    public async Task Every_step_of_every_worker_is_timed_and_good_steps_are_not_errors()
    {
        var perWorker = new int[4];

        var m = await FlowRunner.RunAsync(_http, 4, TimeSpan.FromSeconds(1), async (http, worker, ct) =>
        {
            Interlocked.Increment(ref perWorker[worker]);
            return (await http.GetStringAsync("/ok", ct)) == "ok";
        }, TestContext.Current.CancellationToken);

        Assert.All(perWorker, count => Assert.True(count > 0));
        Assert.Equal(perWorker.Sum(), m.Requests);
        Assert.Equal(0, m.Errors);
        // The run lasts at least its second (however slow the machine, so no lower bound): the rate cannot exceed the count.
        Assert.InRange(m.RequestsPerSecond, double.Epsilon, m.Requests / 0.99);
        Assert.True(m.P50Ms > 0 && m.P50Ms <= m.P95Ms && m.P95Ms <= m.P99Ms);
    }

    [Fact]
    public async Task Failed_responses_and_unexpected_outcomes_count_as_errors()
    {
        var step = 0;

        var m = await FlowRunner.RunAsync(_http, 2, TimeSpan.FromSeconds(1), async (http, _, ct) =>
        {
            if (Interlocked.Increment(ref step) % 2 == 0)
                return false;
            (await http.GetAsync("/broken", ct)).EnsureSuccessStatusCode();
            return true;
        }, TestContext.Current.CancellationToken);

        Assert.True(m.Requests > 0);
        Assert.Equal(m.Requests, m.Errors);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }
}
