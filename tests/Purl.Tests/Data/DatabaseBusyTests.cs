using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Purl.Api.Client;
using Purl.Api.Client.Checkout;
using Purl.Tests.Auth;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Data;

/// <summary>The API of this class gets at most ten database connections and waits one second for one.</summary>
public sealed class SmallPoolApp(PurlStack stack) : PurlApp(stack)
{
    public const int PoolSize = 10;

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["ConnectionStrings:purldb"] = new NpgsqlConnectionStringBuilder(settings["ConnectionStrings:purldb"])
        {
            MaxPoolSize = PoolSize,
            Timeout = 1,
        }.ConnectionString;
}

public sealed class DatabaseBusyTests(SmallPoolApp app) : IClassFixture<SmallPoolApp>
{
    [Fact]
    public async Task No_connection_in_time_is_a_503_with_retry_after_and_the_next_try_works()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await app.RegisterAndLoginAsync();
        var cart = PurlApiClient.For<ICartApi>(app.CreateClient().WithBearer(tokens.AccessToken));
        await cart.GetCartAsync(ct);

        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var held = new List<NpgsqlConnection>();
        for (var i = 0; i < SmallPoolApp.PoolSize; i++) held.Add(await dataSource.OpenConnectionAsync(ct));
        var busy = await Assert.ThrowsAnyAsync<ApiException>(() => cart.GetCartAsync(ct));
        foreach (var connection in held) await connection.DisposeAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.NotNull(busy.Headers.RetryAfter);
        Assert.Contains("busy", busy.Content);
        await cart.GetCartAsync(ct);
    }
}
