using Microsoft.Extensions.DependencyInjection.Extensions;
using Purl.Emulators.Apis;
using Purl.Emulators.Fcm;
using Purl.Emulators.Pesapal;

namespace Purl.Emulators;

public static class Extensions
{
    public static void AddEmulatorServices(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => EmulatorJson.Configure(o.SerializerOptions));
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddOptions<PesapalOptions>().BindConfiguration(PesapalOptions.Section)
            .Validate(o => o.ConsumerKey.Length > 0 && o.ConsumerSecret.Length > 0, "Pesapal:ConsumerKey and Pesapal:ConsumerSecret are required.")
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, "Pesapal:TokenLifetime must be positive.")
            .Validate(o => o.Currencies.Length > 0, "Pesapal:Currencies must name at least one currency.")
            .Validate(o => o.IpnMaxAttempts >= 1 && o.IpnConcurrency >= 1, "Pesapal:IpnMaxAttempts and Pesapal:IpnConcurrency must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddOptions<FcmOptions>().BindConfiguration(FcmOptions.Section)
            .Validate(o => o.UnavailableFraction is >= 0 and <= 1, "Fcm:UnavailableFraction must be between 0 and 1.")
            .Validate(o => o.QuotaPerMinute >= 0 && o.QuotaWindow > TimeSpan.Zero, "Fcm:QuotaPerMinute cannot be negative and Fcm:QuotaWindow must be positive.")
            .ValidateOnStart();

        builder.Services.AddSingleton<PesapalTokens>();
        builder.Services.AddSingleton<PesapalFaults>();
        builder.Services.AddSingleton<IpnRegistry>();
        builder.Services.AddSingleton<PesapalOrders>();
        builder.Services.AddSingleton<PesapalPayments>();
        builder.Services.AddSingleton<PesapalReset>();
        builder.Services.AddSingleton<IpnModes>();
        builder.Services.AddSingleton<IpnDeliveries>();
        builder.Services.AddSingleton<IpnSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IpnSender>());

        builder.Services.AddSingleton<FcmRecorder>();
        builder.Services.AddSingleton<FcmControls>();
    }

    public static void MapEmulators(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapPesapalApi();
        app.MapPaymentPage();
        app.MapFcmApi();
        app.MapPesapalControlApi();
        app.MapFcmControlApi();
        app.MapControlApi();
    }
}
