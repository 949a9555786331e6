namespace Purl.Bench;

/// <summary>The registry: later issues add theirs here (product, home, browse, feed, likes, flash-sale, …).</summary>
public static class Scenarios
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new AliveScenario(),
        new HealthScenario(),
        new ProductScenario(),
        new HomeScenario(),
        new BrowseScenario(),
        new SeedScenario(),
        new Dashboard.DashboardScenario(),
        new SearchPopularScenario(),
        new SearchMixedScenario(),
    ];

    public static Scenario? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
