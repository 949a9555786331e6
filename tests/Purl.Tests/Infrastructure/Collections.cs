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
