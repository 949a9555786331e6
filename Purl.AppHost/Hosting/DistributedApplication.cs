using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Purl.AppHost.Ops;
using Purl.AppHost.Servers;

namespace Purl.AppHost.Hosting;

/// <summary>
/// Builds the app model: the resources, who references whom and who waits for whom. Mirrors .NET Aspire's
/// DistributedApplication so that the model reads the same and could move to Aspire unchanged.
/// </summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(string[] args)
    {
        Configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(ProjectPaths.SolutionRoot, "Purl.AppHost", "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        Folder = new StackFolder(Configuration["PURL_HOME"] ?? Configuration["data-dir"] ?? Path.Combine(ProjectPaths.SolutionRoot, ".purl"));
        Secrets = StackSecrets.LoadOrCreate(Folder);
    }

    public IConfiguration Configuration { get; }
    public StackFolder Folder { get; }
    public StackSecrets Secrets { get; }
    public IReadOnlyList<Resource> Resources => _resources;

    public T AddResource<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name)) throw new ArgumentException($"A resource named {resource.Name} already exists.");
        _resources.Add(resource);
        return resource;
    }

    public DistributedApplication Build() => new(this);
}

public sealed class DistributedApplication(DistributedApplicationBuilder builder)
{
    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    /// <summary>Starts everything in dependency order, shows it, and on Ctrl+C or SIGTERM stops it in reverse order.</summary>
    public async Task<int> RunAsync()
    {
        using var shutdown = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var context = new StackContext(builder.Folder, builder.Secrets);
        var started = new List<Resource>();
        var opsPort = int.TryParse(builder.Configuration["PURL_OPS_PORT"], out var p) ? p : 18888;
        await using var ops = await OpsDashboard.StartAsync(builder.Resources, opsPort);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var exitCode = 0;

        try
        {
            await StartAllAsync(context, started, shutdown.Token);
            WriteRunFiles();
            ResourceTable.Print(builder.Resources, ops.Url, clock.Elapsed);
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
        }
        catch (MissingServerException e)
        {
            Console.Error.WriteLine(e.Message);
            exitCode = 1;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"The stack could not start: {e.Message}");
            exitCode = 1;
        }

        Console.WriteLine("Stopping…");
        foreach (var resource in Enumerable.Reverse(started)) await StopQuietlyAsync(resource);
        DeleteRunFiles();
        Console.WriteLine("Stopped.");
        return exitCode;

        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true; // we stop the children ourselves, in order
            shutdown.Cancel();
        }
    }

    private async Task StartAllAsync(StackContext context, List<Resource> started, CancellationToken cancellationToken)
    {
        var ready = builder.Resources.ToDictionary(r => r, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var starts = builder.Resources.Select(async resource =>
        {
            try
            {
                await Task.WhenAll(resource.WaitsFor.Select(d => ready[d].Task)).WaitAsync(cancellationToken);
                lock (started) started.Add(resource);
                await resource.StartAsync(context, cancellationToken);
                ready[resource].TrySetResult();
            }
            catch (Exception e)
            {
                ready[resource].TrySetException(e);
                throw;
            }
        }).ToList();
        await Task.WhenAll(starts);
    }

    private static async Task StopQuietlyAsync(Resource resource)
    {
        try
        {
            await resource.StopAsync();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{resource.Name}: {e.Message}");
        }
    }

    /// <summary>URLs and PIDs for the bench and scripts, present only while the stack runs.</summary>
    private void WriteRunFiles()
    {
        builder.Folder.Write("urls.json", builder.Resources.OfType<ProjectResource>().ToDictionary(r => r.Name, r => r.Url));
        builder.Folder.Write("pids.json", builder.Resources.Where(r => r.ProcessId is not null).ToDictionary(r => r.Name, r => r.ProcessId));
    }

    private void DeleteRunFiles()
    {
        File.Delete(builder.Folder.PathOf("urls.json"));
        File.Delete(builder.Folder.PathOf("pids.json"));
    }
}
