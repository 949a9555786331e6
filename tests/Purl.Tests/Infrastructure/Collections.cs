namespace Purl.Tests.Infrastructure;

/// <summary>
/// Tests that stop, kill or restart a shared server (Redis, RabbitMQ) would break every class running beside them:
/// they share this collection, which runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OutageCollection
{
    public const string Name = "Outages";
}

/// <summary>
/// Classes that drive Chromium against a Blazor circuit: one at a time (beside everything else), because several
/// browsers and circuits at once on a two-core CI machine starve each other into timeouts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
