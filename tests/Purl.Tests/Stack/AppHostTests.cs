using Purl.Tests.Infrastructure;

namespace Purl.Tests.Stack;

/// <summary>One AppHost run shared by the tests of this class: it starts the whole stack as a developer would.</summary>
public sealed class RunningAppHost(PurlStack stack) : IAsyncLifetime
{
    public AppHostProcess Host { get; private set; } = null!;
    public string ExternalRedis => stack.Redis.ConnectionString;

    public async ValueTask InitializeAsync() =>
        // Redis is given from outside, to prove a given connection string is used and nothing is started for it.
        Host = await AppHostProcess.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings__redis"] = ExternalRedis, ["Redis__KeyPrefix"] = "apphost-test:" });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

public sealed class AppHostTests(RunningAppHost app) : IClassFixture<RunningAppHost>
{
    [Fact]
    public async Task Every_project_reports_its_dependencies_healthy()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient();

        foreach (var (name, url) in app.Host.Urls())
        {
            var health = await HealthProbe.ReadAsync(new HttpClient { BaseAddress = new Uri(url) }, ct);
            Assert.True(health.Status == "Healthy", $"{name}: {health.Status}");
            if (name is "api" or "workers")
                Assert.All(new[] { "postgres", "redis", "rabbitmq" }, d => Assert.Equal("Healthy", health.Entries[d]));
        }
    }

    [Fact]
    public async Task The_ops_page_lists_every_resource_running_with_its_pid()
    {
        var ct = TestContext.Current.CancellationToken;

        var resources = await app.Host.ResourcesAsync(ct);
        var page = await app.Host.Http.GetStringAsync(app.Host.OpsUrl, ct);

        Assert.Equal(["postgres", "redis", "rabbitmq", "database", "emulators", "workers", "api", "web"], resources.Select(r => r.Name));
        Assert.All(resources.Where(r => r.Kind is "project" or "server" && r.Name != "redis"), r =>
        {
            Assert.Equal("running", r.State);
            Assert.NotNull(r.Pid);
        });
        Assert.Equal("finished", resources.Single(r => r.Name == "database").State);
        Assert.Contains("<title>Purl · ops</title>", page);
    }

    [Fact]
    public async Task A_connection_string_given_from_outside_is_used_and_nothing_is_started_for_it()
    {
        var redis = await app.Host.ResourceAsync("redis", TestContext.Current.CancellationToken);

        Assert.Equal("external", redis.State);
        Assert.Null(redis.Pid);
    }

    [Fact]
    public async Task A_crashed_project_is_restarted_and_the_restart_is_shown()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await app.Host.ResourceAsync("workers", ct);

        System.Diagnostics.Process.GetProcessById(before.Pid!.Value).Kill();

        var after = before;
        for (var i = 0; i < 300 && (after.Restarts == 0 || after.State != "running"); i++)
        {
            await Task.Delay(100, ct);
            after = await app.Host.ResourceAsync("workers", ct);
        }
        Assert.Equal(1, after.Restarts);
        Assert.Equal("running", after.State);
        Assert.NotEqual(before.Pid, after.Pid);
        Assert.Contains("restart #1", app.Host.Output.Text());
    }
}

public sealed class AppHostShutdownTests
{
    [Fact]
    public async Task Ctrl_c_stops_everything_and_leaves_no_process_behind()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await AppHostProcess.StartAsync(cancellationToken: ct);
        var children = host.Pids();
        Assert.Equal(7, children.Count);

        await host.InterruptAsync(AppHostProcess.StopBudget);

        Assert.True(host.HasExited);
        Assert.All(children, child => Assert.False(IsAlive(child.Value), $"{child.Key} (pid {child.Value}) is still running"));
        Assert.Contains("Stopped.", host.Output.Text());
    }

    private static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z");
}
