using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>Work a host does once at start so its first real request is not its slowest (EF model, pools, hot caches).</summary>
public sealed record WarmupTask(string Name, Func<IServiceProvider, CancellationToken, Task> RunAsync);

public static class WarmupExtensions
{
    /// <summary>
    /// Adds a warm-up step. /health reports "warmup" unhealthy until every step has run, so a load balancer (or the
    /// AppHost) sends traffic only to a warm instance. A step that fails is retried until it succeeds.
    /// </summary>
    public static IServiceCollection AddWarmup(this IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task> run)
    {
        services.AddSingleton(new WarmupTask(name, run));
        if (services.Any(d => d.ServiceType == typeof(StartupWarmup))) return services;
        services.AddSingleton<StartupWarmup>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupWarmup>());
        services.AddHealthChecks().AddCheck<WarmupHealthCheck>("warmup", HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag]);
        return services;
    }
}

public sealed class StartupWarmup(IEnumerable<WarmupTask> tasks, IServiceProvider services, ILogger<StartupWarmup> logger) : BackgroundService
{
    private volatile string _pending = "starting";

    /// <summary>Null once warm; otherwise what is still warming.</summary>
    public string? Pending => _pending.Length == 0 ? null : _pending;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var task in tasks)
        {
            _pending = task.Name;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await task.RunAsync(services, stoppingToken);
                    break;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    if (attempt == 1) logger.LogWarning(e, "Warm-up step {Step} failed; retrying until it succeeds", task.Name);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), stoppingToken);
                }
            }
        }
        _pending = "";
        logger.LogInformation("Warm in {Elapsed} ms", clock.ElapsedMilliseconds);
    }
}

internal sealed class WarmupHealthCheck(StartupWarmup warmup) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmup.Pending is { } pending
            ? HealthCheckResult.Unhealthy($"warming up: {pending}")
            : HealthCheckResult.Healthy("warm"));
}
