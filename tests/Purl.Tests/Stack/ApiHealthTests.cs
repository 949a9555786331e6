using System.Net;
using System.Text.Json;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.Stack;

public sealed class ApiHealthTests(PurlApp app) : IClassFixture<PurlApp>
{
    [Fact]
    public async Task Health_names_postgres_redis_and_rabbitmq_and_all_are_healthy()
    {
        var health = await HealthProbe.ReadAsync(app.CreateClient(), TestContext.Current.CancellationToken);

        Assert.Equal("Healthy", health.Status);
        foreach (var dependency in new[] { "postgres", "redis", "rabbitmq", "warmup" })
            Assert.Equal("Healthy", health.Entries[dependency]);
    }

    [Fact]
    public async Task Alive_answers_without_asking_the_dependencies()
    {
        using var response = await app.CreateClient().GetAsync("/alive", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text()
    {
        var client = app.CreateClient();
        await client.GetAsync("/alive", TestContext.Current.CancellationToken);

        var metrics = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Contains("# TYPE", metrics);
        Assert.Contains("http_server_request_duration", metrics);
    }

    [Fact]
    public async Task The_openapi_document_and_scalar_ui_are_served()
    {
        var client = app.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        using var scalar = await client.GetAsync("/scalar", TestContext.Current.CancellationToken);

        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }
}

[Collection(OutageCollection.Name)]
public sealed class RedisOutageHealthTests(PurlApp app) : IClassFixture<PurlApp>
{
    [Fact]
    public async Task Stopping_redis_turns_health_unhealthy_naming_redis_and_starting_it_recovers()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient();
        Assert.Equal("Healthy", (await HealthProbe.ReadAsync(client, ct)).Status);

        await app.Stack.Redis.StopAsync();
        try
        {
            var down = await HealthProbe.WaitForAsync(client, h => h.Status == "Unhealthy", ct);
            Assert.Equal("Unhealthy", down.Entries["redis"]);
            Assert.Equal("Healthy", down.Entries["postgres"]);
            Assert.Equal("Healthy", down.Entries["rabbitmq"]);
        }
        finally
        {
            await app.Stack.Redis.StartAsync(ct);
        }

        var recovered = await HealthProbe.WaitForAsync(client, h => h.Status == "Healthy", ct);
        Assert.Equal("Healthy", recovered.Entries["redis"]);
    }
}
