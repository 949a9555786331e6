using Purl.AppHost.Servers;

namespace Purl.AppHost.Hosting;

/// <summary>The Aspire-style verbs of the app model: Add…, WithReference, WaitFor, WithEnvironment.</summary>
public static class ResourceBuilderExtensions
{
    public static ServerResource AddPostgres(this DistributedApplicationBuilder builder, string name, string databaseName) =>
        builder.AddResource(new ServerResource(name, databaseName, builder.Configuration,
            context => new PostgresServer(context.Folder.PathOf("postgres"), context.Folder.Port(name), context.Secrets.PostgresPassword, new PostgresTuning()),
            (server, ct) => ((PostgresServer)server).EnsureDatabaseAsync(databaseName, cancellationToken: ct)));

    public static ServerResource AddRedis(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new ServerResource(name, name, builder.Configuration,
            context => new RedisServer(context.Folder.PathOf("redis"), context.Folder.Port(name), context.Secrets.RedisPassword)));

    public static ServerResource AddRabbitMQ(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new ServerResource(name, name, builder.Configuration,
            context => new RabbitMqServer(context.Folder.PathOf("rabbitmq"),
                new RabbitMqPorts(context.Folder.Port(name), context.Folder.Port($"{name}-management"),
                    context.Folder.Port($"{name}-distribution"), context.Folder.Port($"{name}-epmd")),
                "purl", context.Secrets.RabbitMqPassword)));

    public static ProjectResource AddProject(this DistributedApplicationBuilder builder, string name, string projectName) =>
        builder.AddResource(new ProjectResource(name, projectName));

    public static TaskResource AddTask(this DistributedApplicationBuilder builder, string name, Func<TaskResource, CancellationToken, Task> run) =>
        builder.AddResource(new TaskResource(name, run));

    public static T WaitFor<T>(this T resource, Resource dependency) where T : Resource
    {
        resource.AddWaitFor(dependency);
        return resource;
    }

    /// <summary>Hands <paramref name="reference"/>'s address to the project (a connection string or a service URL).</summary>
    public static ProjectResource WithReference(this ProjectResource project, Resource reference)
    {
        project.AddReference(reference);
        return project;
    }

    /// <summary>Hands <paramref name="project"/>'s URL to this one as service <paramref name="service"/> (one process can stand in for several services).</summary>
    public static ProjectResource WithReference(this ProjectResource resource, ProjectResource project, string service)
    {
        resource.AddServiceReference(service, project);
        return resource;
    }

    public static ProjectResource WithEnvironment(this ProjectResource project, string key, string? value)
    {
        project.SetEnvironment(key, () => value);
        return project;
    }

    /// <summary>A value known only once the resources have started (a URL, say), read when the project starts.</summary>
    public static ProjectResource WithEnvironment(this ProjectResource project, string key, Func<string?> value)
    {
        project.SetEnvironment(key, value);
        return project;
    }
}

public static class PurlResourceExtensions
{
    /// <summary>The consumer key and secret the Pesapal emulator was started with.</summary>
    public static ProjectResource WithPesapalCredentials(this ProjectResource project, StackSecrets secrets) => project
        .WithEnvironment("Pesapal__ConsumerKey", secrets.PesapalConsumerKey)
        .WithEnvironment("Pesapal__ConsumerSecret", secrets.PesapalConsumerSecret);
}
