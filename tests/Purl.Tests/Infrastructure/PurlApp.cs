using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Purl.Api;
using Purl.Core.Data;

namespace Purl.Tests.Infrastructure;

/// <summary>
/// Purl.Api hosted in-process for one test class, on that class's own database, virtual host and Redis prefix.
/// Derive from it and override <see cref="Configure"/> to change a setting (a short token lifetime, say).
/// </summary>
public class PurlApp(PurlStack stack) : IAsyncLifetime
{
    private ApiFactory? _factory;

    public PurlStack Stack { get; } = stack;
    public IsolatedResources Resources { get; private set; } = null!;
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public IServiceProvider Services => Factory.Services;

    /// <summary>Where the API listens when <see cref="ListensOnLoopback"/>; null for the in-memory test server.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>
    /// True: Purl.Api runs on Kestrel on a free 127.0.0.1 port instead of the in-memory test server, for tests that
    /// something outside the process must reach over HTTP (the Pesapal emulator's IPNs, a real browser).
    /// </summary>
    protected virtual bool ListensOnLoopback => false;

    private ApiFactory Factory => _factory ?? throw new InvalidOperationException("PurlApp is not initialised.");

    public virtual async ValueTask InitializeAsync()
    {
        Resources = await Stack.CreateIsolatedAsync(GetType().Name);
        DataSource = NpgsqlDataSource.Create(Resources.Database);
        var settings = Resources.ToConfiguration();
        Configure(settings);
        _factory = new ApiFactory(settings);
        // Start the host now, so a start-up failure fails the fixture, not the first test.
        if (ListensOnLoopback)
        {
            _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            _factory.StartServer();
            BaseAddress = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        }
        else
        {
            _ = _factory.Server;
        }
        await WaitUntilWarmAsync(_factory.Services);
    }

    /// <summary>As the AppHost does: no test meets an instance that is still warming up.</summary>
    private static async Task WaitUntilWarmAsync(IServiceProvider services)
    {
        var warmup = services.GetRequiredService<Microsoft.Extensions.Hosting.StartupWarmup>();
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (warmup.Pending is { } pending)
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"Purl.Api did not warm up: {pending}");
            await Task.Delay(20);
        }
    }

    /// <summary>Settings on top of the class's resources.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings) { }

    public HttpClient CreateClient() => Factory.CreateClient();

    /// <summary>The in-memory server, for clients that need its handler (SignalR).</summary>
    public Microsoft.AspNetCore.TestHost.TestServer Server => Factory.Server;

    /// <summary>
    /// A second Purl.Api on the same database, Redis prefix and virtual host: what "on every instance" is tested with.
    /// Dispose it when done.
    /// </summary>
    public WebApplicationFactory<ApiAssembly> StartAnotherInstance()
    {
        var settings = Resources.ToConfiguration();
        Configure(settings);
        var other = new ApiFactory(settings);
        _ = other.Server;
        WaitUntilWarmAsync(other.Services).GetAwaiter().GetResult();
        return other;
    }

    public PurlDbContext CreateDbContext() => DataExtensions.CreateContext(DataSource);

    public T GetRequiredService<T>() where T : notnull => Services.GetRequiredService<T>();

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (DataSource is not null) await DataSource.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class ApiFactory(IDictionary<string, string?> settings) : WebApplicationFactory<ApiAssembly>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}
