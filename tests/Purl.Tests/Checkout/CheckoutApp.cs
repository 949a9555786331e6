using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Purl.Core.Checkout;
using Purl.Core.Data;
using Purl.Core.Messaging;
using Purl.Core.Payments;
using Purl.Tests.Emulators;
using Purl.Tests.Infrastructure;
using Purl.Tests.Messaging;

namespace Purl.Tests.Checkout;

/// <summary>
/// Purl.Api on a real loopback port (IPNs must reach it over HTTP), with its own Pesapal emulator on another, and,
/// when <see cref="RunsWorkers"/>, the IPN and refund consumers in a worker host of their own — the same registrations
/// as Purl.Workers. The expiry and reconciliation jobs are there too, but run only when a test calls them, so a test
/// decides when time has passed.
/// </summary>
public class CheckoutApp(PurlStack stack) : PurlApp(stack)
{
    private IHost? _workers;

    public EmulatorApp Emulator { get; } = new();

    public EmulatorControl Pesapal { get; private set; } = null!;

    public IServiceProvider Workers => _workers?.Services ?? throw new InvalidOperationException("This fixture runs no workers.");

    protected override bool ListensOnLoopback => true;

    protected virtual bool RunsWorkers => true;

    public override async ValueTask InitializeAsync()
    {
        await Emulator.InitializeAsync();
        Pesapal = new EmulatorControl(Emulator.CreateClient());
        await base.InitializeAsync();
        if (RunsWorkers)
        {
            _workers = await StartWorkersAsync(WorkerSettings(), TestContext.Current.CancellationToken);
            await TestBroker.WaitForConsumersAsync(Resources.RabbitMq, TestContext.Current.CancellationToken, typeof(IpnProcessor), typeof(RefundIssuer));
        }
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in PesapalSettings(Emulator)) settings[key] = value;
    }

    /// <summary>What a Purl host needs to reach this emulator, as the AppHost hands it over, with test-sized patience.</summary>
    public static Dictionary<string, string?> PesapalSettings(EmulatorApp emulator) => new()
    {
        ["services:pesapal:http:0"] = emulator.BaseAddress.GetLeftPart(UriPartial.Authority),
        ["Pesapal:ConsumerKey"] = EmulatorApp.ConsumerKey,
        ["Pesapal:ConsumerSecret"] = EmulatorApp.ConsumerSecret,
        ["Pesapal:RetryDelay"] = "00:00:00.050",
        ["Pesapal:AttemptTimeout"] = "00:00:05",
        ["Pesapal:TotalTimeout"] = "00:00:15",
        ["Pesapal:MinimumThroughput"] = "5",
        ["Pesapal:SamplingDuration"] = "00:00:30",
        ["Pesapal:BreakDuration"] = "00:00:02",
        ["Payments:ReconcileAfter"] = "00:00:01",
        ["Payments:RecheckEvery"] = "00:00:01",
        ["Payments:InitiatingTimeout"] = "00:00:20",
    };

    public Dictionary<string, string?> WorkerSettings()
    {
        var settings = Resources.ToConfiguration();
        Configure(settings);
        return settings;
    }

    private static async Task<IHost> StartWorkersAsync(Dictionary<string, string?> settings, CancellationToken ct)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ApplicationName = "Purl.Tests.Workers" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());
        builder.AddPurlDatabase();
        builder.AddRabbitMQClient("rabbitmq");
        builder.Services.AddMessaging(builder.Configuration).AddOutboxRelay();
        builder.AddCheckout();
        builder.Services.AddConsumer<PaymentIpnReceived, IpnProcessor>();
        builder.Services.AddConsumer<PaymentRefundRequested, RefundIssuer>();
        builder.Services.AddSingleton<ReservationExpiry>();
        builder.Services.AddSingleton<PaymentReconciliation>();
        var host = builder.Build();
        await host.StartAsync(ct);
        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_workers is not null)
        {
            await _workers.StopAsync(CancellationToken.None);
            _workers.Dispose();
        }
        await base.DisposeAsync();
        await Emulator.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same, without workers: for the cart, checkout and payment-start tests.</summary>
public class CheckoutAppWithoutWorkers(PurlStack stack) : CheckoutApp(stack)
{
    protected override bool RunsWorkers => false;
}
