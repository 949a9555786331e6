using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.Messaging;

/// <summary>
/// A host like Purl.Workers, in-process: the outbox relay plus <see cref="RecordEffect"/> subscribed to
/// <see cref="PostPublished"/>, on one test class's database and virtual host.
/// </summary>
public sealed class MessagingTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingTestHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;
    public ConsumerCalls Calls => Services.GetRequiredService<ConsumerCalls>();

    /// <param name="overrides">Settings on top of the class's resources; a null value removes the setting.</param>
    /// <param name="consumers">The subscriptions; by default <see cref="RecordEffect"/> to <see cref="PostPublished"/>.</param>
    public static async Task<MessagingTestHost> StartAsync(IsolatedResources resources, IDictionary<string, string?>? overrides,
        CancellationToken cancellationToken, Action<IServiceCollection>? consumers = null)
    {
        var settings = resources.ToConfiguration();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null) settings.Remove(key);
            else settings[key] = value;
        }
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ApplicationName = "Purl.Tests" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddPurlDatabase();
        builder.AddRabbitMQClient("rabbitmq");
        builder.Services.AddSingleton<ConsumerCalls>();
        builder.Services.AddMessaging(builder.Configuration).AddOutboxRelay();
        (consumers ?? (services => services.AddConsumer<PostPublished, RecordEffect>()))(builder.Services);

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new MessagingTestHost(host);
    }

    /// <summary>Raises the event the way a feature does (outbox + SaveChanges) and returns its message id.</summary>
    public async Task<Guid> CommitAsync(IEvent @event, CancellationToken cancellationToken) =>
        (await CommitManyAsync([@event], cancellationToken)).Single();

    /// <summary>Raises the events in one SaveChanges and returns their message ids.</summary>
    public async Task<IReadOnlyList<Guid>> CommitManyAsync(IEnumerable<IEvent> events, CancellationToken cancellationToken)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PurlDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        foreach (var @event in events) outbox.Add(@event);
        await db.SaveChangesAsync(cancellationToken);
        return db.OutboxMessages.Local.Select(m => m.Id).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
