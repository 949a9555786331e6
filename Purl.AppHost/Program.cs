using Purl.AppHost.Hosting;
using Microsoft.Extensions.Configuration;
using Purl.AppHost.Setup;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres", databaseName: "purldb");
var redis = builder.AddRedis("redis");
var rabbitmq = builder.AddRabbitMQ("rabbitmq");

var database = builder.AddTask("database", (task, ct) => DatabaseSetup.RunAsync(task, postgres.ConnectionString, builder, ct))
    .WaitFor(postgres);

// Stand-ins for Pesapal and FCM, which cannot be reached from a laptop or CI.
var emulators = builder.AddProject("emulators", "Purl.Emulators")
    .WithPesapalCredentials(builder.Secrets);

// Workers first: they declare the consumer queues, so the API's first events already have somewhere to go.
var workers = builder.AddProject("workers", "Purl.Workers")
    .WithReference(postgres).WithReference(redis).WithReference(rabbitmq)
    .WithReference(emulators, "pesapal").WithReference(emulators, "fcm")
    .WithPesapalCredentials(builder.Secrets)
    .WithEnvironment("Auth__SigningKey", builder.Secrets.SigningKey)
    .WaitFor(database).WaitFor(redis).WaitFor(rabbitmq).WaitFor(emulators);

var api = builder.AddProject("api", "Purl.Api")
    .WithReference(postgres).WithReference(redis).WithReference(rabbitmq)
    .WithReference(emulators, "pesapal").WithReference(emulators, "fcm")
    .WithPesapalCredentials(builder.Secrets)
    .WithEnvironment("Auth__SigningKey", builder.Secrets.SigningKey)
    .WithEnvironment("Media__Root", builder.Folder.PathOf("media"))
    .WaitFor(workers);

// For the bench only (--Bench:LiveApi=true): a second API that reads everything live, with no cache and no
// materialised views, so `product` and `home` can measure both in one run.
if (builder.Configuration.GetValue("Bench:LiveApi", false))
{
    builder.AddProject("api-live", "Purl.Api")
        .WithReference(postgres).WithReference(redis).WithReference(rabbitmq)
        .WithEnvironment("Auth__SigningKey", builder.Secrets.SigningKey)
        .WithEnvironment("Media__Root", builder.Folder.PathOf("media"))
        .WithEnvironment("Caching__Enabled", "false")
        .WithEnvironment("Marketplace__UseViews", "false")
        .WaitFor(workers);
}

// The dashboard keeps sign-in tickets and Data Protection keys in Redis, so several Web instances share sessions.
builder.AddProject("web", "Purl.Web")
    .WithReference(redis)
    .WithReference(api)
    .WaitFor(api);

return await builder.Build().RunAsync();
