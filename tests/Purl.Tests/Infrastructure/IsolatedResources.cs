
namespace Purl.Tests.Infrastructure;

/// <summary>One test class's own slice of the shared servers.</summary>
public sealed record IsolatedResources(string Database, string Redis, string RedisKeyPrefix, string RabbitMq, string SigningKey)
{
    /// <summary>The settings a Purl host reads, under the names the AppHost uses.</summary>
    public Dictionary<string, string?> ToConfiguration() => new()
    {
        ["ConnectionStrings:purldb"] = Database,
        ["ConnectionStrings:redis"] = Redis,
        ["ConnectionStrings:rabbitmq"] = RabbitMq,
        [Microsoft.Extensions.Hosting.RedisKeyPrefix.ConfigurationKey] = RedisKeyPrefix,
        ["Auth:SigningKey"] = SigningKey,
        ["Messaging:RetryDelays:0"] = "00:00:00.200",
        ["Messaging:RetryDelays:1"] = "00:00:00.500",
        ["Messaging:RetryDelays:2"] = "00:00:01",
    };

    /// <summary>The same settings as environment variables, for hosts started as real processes.</summary>
    public Dictionary<string, string?> ToEnvironment() =>
        ToConfiguration().ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value);
}
