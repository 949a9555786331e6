using Purl.Bench;

namespace Purl.Tests.Bench;

public class BenchCommandLineTests
{
    [Fact]
    public void A_scenario_alone_runs_with_the_documented_defaults()
    {
        var options = BenchOptions.Parse(["alive"]);

        Assert.Equal(("alive", 64, 2), (options.Scenario, options.Connections, options.Threads));
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3)), (options.Duration, options.Warmup));
        Assert.Null(options.Url);
    }

    [Fact]
    public void Options_take_values_after_a_space_or_an_equals_sign()
    {
        var options = BenchOptions.Parse(["health", "--url=http://127.0.0.1:5080", "-c", "128", "--duration", "2m", "--threads=4"]);

        Assert.Equal(new Uri("http://127.0.0.1:5080"), options.Url);
        Assert.Equal((128, 4, TimeSpan.FromMinutes(2)), (options.Connections, options.Threads, options.Duration));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.9.8.7:80")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    public void Loopback_targets_are_accepted(string url) =>
        Assert.Equal(new Uri(url), BenchOptions.Parse(["alive", "--url", url]).Url);

    [Theory]
    [InlineData("http://10.0.0.5:5080")]
    [InlineData("http://192.168.1.2")]
    [InlineData("http://example.com")]
    [InlineData("http://127.0.0.1.example.com")]
    [InlineData("http://[::2]:80")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("http://127.0.0.1:5080/alive")]
    public void Anything_but_a_bare_loopback_address_is_refused(string url) =>
        Assert.Throws<UsageException>(() => BenchOptions.Parse(["alive", "--url", url]));

    [Theory]
    [InlineData("--duration", "0s")]
    [InlineData("--duration", "11m")]
    [InlineData("--duration", "500ms")]
    [InlineData("--connections", "0")]
    [InlineData("--threads", "many")]
    [InlineData("--nonsense", "1")]
    public void Bad_values_are_usage_errors(string option, string value) =>
        Assert.Throws<UsageException>(() => BenchOptions.Parse(["alive", option, value]));

    [Fact]
    public void More_threads_than_connections_is_a_usage_error() =>
        Assert.Throws<UsageException>(() => BenchOptions.Parse(["alive", "-c", "1", "-t", "2"]));

    [Fact]
    public void No_scenario_is_a_usage_error_unless_listing() =>
        Assert.True(Assert.Throws<UsageException>(() => BenchOptions.Parse([])).Message.Length > 0
            && BenchOptions.Parse(["--list"]).List);

    [Fact]
    public void The_registry_knows_each_scenario_by_its_own_name()
    {
        var names = Scenarios.All.Select(s => s.Name).ToList();

        Assert.Subset(names.ToHashSet(), new HashSet<string> { "alive", "health", "seed", "product", "home", "browse", "dashboard", "search-popular", "search-mixed" });
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(Scenarios.All, s => Assert.Same(s, Scenarios.Find(s.Name.ToUpperInvariant())));
    }
}
