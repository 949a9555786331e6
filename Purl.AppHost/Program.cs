using Purl.AppHost.Hosting;
using Purl.AppHost.Setup;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres", databaseName: "purldb");
var redis = builder.AddRedis("redis");
var rabbitmq = builder.AddRabbitMQ("rabbitmq");

var database = builder.AddTask("database", (task, ct) => DatabaseSetup.RunAsync(task, postgres.ConnectionString, builder, ct))
    .WaitFor(postgres);

var api = builder.AddProject("api", "Purl.Api")
    .WithReference(postgres).WithReference(redis).WithReference(rabbitmq)
    .WithEnvironment("Auth__SigningKey", builder.Secrets.SigningKey)
    .WaitFor(database).WaitFor(redis).WaitFor(rabbitmq);

builder.AddProject("workers", "Purl.Workers")
    .WithReference(postgres).WithReference(redis).WithReference(rabbitmq)
    .WithEnvironment("Auth__SigningKey", builder.Secrets.SigningKey)
    .WaitFor(database).WaitFor(redis).WaitFor(rabbitmq);

builder.AddProject("web", "Purl.Web")
    .WithReference(api)
    .WaitFor(api);

return await builder.Build().RunAsync();
