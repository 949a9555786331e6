using Npgsql;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.Messaging;

/// <summary>A messaging test class's own database and virtual host (from the shared stack), with the tables the tests read.</summary>
public sealed class MessagingResources(PurlStack stack) : IAsyncLifetime
{
    public PurlStack Stack { get; } = stack;
    public IsolatedResources Resources { get; private set; } = null!;
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Resources = await Stack.CreateIsolatedAsync("messaging");
        DataSource = NpgsqlDataSource.Create(Resources.Database);
        await MessagingSchema.EnsureAsync(DataSource, CancellationToken.None);
    }

    public Task<long> EffectsAsync(Guid postId, CancellationToken cancellationToken) =>
        MessagingSchema.CountAsync(DataSource, "SELECT count(*) FROM test_effects WHERE post_id = $1", cancellationToken, postId);

    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null) await DataSource.DisposeAsync();
    }
}
