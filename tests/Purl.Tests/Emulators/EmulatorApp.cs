using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Purl.Emulators;

namespace Purl.Tests.Emulators;

/// <summary>
/// Purl.Emulators for one test class, on a real loopback port (it must send IPNs over HTTP, and is reached only
/// over HTTP). Times are shortened so retries and late IPNs happen within a test; derive and override
/// <see cref="Configure"/> for other settings.
/// </summary>
public class EmulatorApp : IAsyncLifetime
{
    public const string ConsumerKey = "test-consumer-key";
    public const string ConsumerSecret = "test-consumer-secret";
    public const string RevokedBearer = "revoked-in-tests";

    private EmulatorFactory? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Pesapal:ConsumerKey"] = ConsumerKey,
            ["Pesapal:ConsumerSecret"] = ConsumerSecret,
            ["Pesapal:IpnRetryDelay"] = "00:00:00.100",
            ["Pesapal:IpnTimeout"] = "00:00:05",
            ["Pesapal:IpnLateDelay"] = "00:00:01",
            ["Pesapal:IpnMaxAttempts"] = "4",
            ["Fcm:RevokedBearerToken"] = RevokedBearer,
            ["Fcm:QuotaPerMinute"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        Configure(settings);

        _factory = new EmulatorFactory(settings);
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        return ValueTask.CompletedTask;
    }

    /// <summary>Settings on top of the test defaults.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings) { }

    /// <summary>A plain HTTP client to the emulator that does not follow redirects, so tests see them.</summary>
    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class EmulatorFactory(IDictionary<string, string?> settings) : WebApplicationFactory<EmulatorsAssembly>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}
