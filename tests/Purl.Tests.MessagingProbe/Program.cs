using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Purl.Core.Data;
using Purl.Core.Messaging;

// A worker process for the crash test: the real consumer runner with one consumer whose effect is a row, so the
// test can SIGKILL it between commit and ack (Messaging__PauseAfterCommit) and count effects afterwards.
// Configuration as for any Purl host: ConnectionStrings__purldb, ConnectionStrings__rabbitmq, Messaging__*.
var builder = Host.CreateApplicationBuilder(args);
builder.AddPurlDatabase();
builder.AddRabbitMQClient("rabbitmq");
builder.Services.AddMessaging(builder.Configuration).AddConsumer<VendorFollowed, ProbeEffect>();

using var host = builder.Build();
await using (var create = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
    "CREATE TABLE IF NOT EXISTS probe_effects (message_id uuid NOT NULL, consumer text NOT NULL, at timestamptz NOT NULL DEFAULT now())"))
{
    await create.ExecuteNonQueryAsync();
}
await host.RunAsync();

/// <summary>One <c>probe_effects</c> row per handling; the table has no unique key, so a second effect would show.</summary>
internal sealed class ProbeEffect : IConsumer<VendorFollowed>
{
    public Task HandleAsync(VendorFollowed message, ConsumeContext context, CancellationToken cancellationToken) =>
        context.Db.Database.ExecuteSqlAsync(
            $"INSERT INTO probe_effects (message_id, consumer) VALUES ({context.MessageId}, 'probe-effect')", cancellationToken);
}
