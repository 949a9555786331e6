namespace Purl.Bench;

public sealed class HealthScenario : WrkScenario
{
    public override string Name => "health";

    public override string Description => "GET /health on the API: readiness, every registered health check runs";

    protected override string Path => "/health";
}
