using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The one AMQP connection of a host, opened on first use (so a host starts while RabbitMQ is down) and recovered
/// automatically by the client afterwards.
/// </summary>
public sealed class RabbitMqConnection(ConnectionFactory factory, string clientName) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open) return open;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _connection ??= await factory.CreateConnectionAsync(clientName, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.CloseAsync();
            connection.Dispose();
        }
        _gate.Dispose();
    }
}

public static class RabbitMqClientExtensions
{
    /// <summary>Registers <see cref="RabbitMqConnection"/> for <c>ConnectionStrings:{name}</c> (an amqp:// URI) and a ready check named after it.</summary>
    public static IHostApplicationBuilder AddRabbitMQClient(this IHostApplicationBuilder builder, string name)
    {
        var connectionString = builder.Configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not set. Start the stack with the AppHost or set ConnectionStrings__{name}.");
        var factory = new ConnectionFactory
        {
            Uri = new Uri(connectionString),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };

        builder.Services.AddSingleton(new RabbitMqConnection(factory, builder.Environment.ApplicationName));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            "rabbitmq",
            sp => new RabbitMqHealthCheck(sp.GetRequiredService<RabbitMqConnection>()),
            HealthStatus.Unhealthy,
            [ServiceDefaultsExtensions.ReadyTag],
            TimeSpan.FromSeconds(5)));
        return builder;
    }

    private sealed class RabbitMqHealthCheck(RabbitMqConnection rabbit) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var connection = await rabbit.GetAsync(cancellationToken);
                return connection.IsOpen
                    ? HealthCheckResult.Healthy("RabbitMQ connection open")
                    : HealthCheckResult.Unhealthy($"RabbitMQ: connection closed ({connection.CloseReason?.ReplyText ?? "recovering"})");
            }
            catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or TimeoutException or OperationCanceledException or IOException)
            {
                return HealthCheckResult.Unhealthy($"RabbitMQ: {e.Message}", e);
            }
        }
    }
}
