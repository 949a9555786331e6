using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Purl.Core.Payments;
using Purl.Core.Payments.Pesapal;

namespace Purl.Core.Checkout;

public static class CheckoutExtensions
{
    /// <summary>
    /// Cart, checkout, orders and payments (the <c>Payments</c> section) with the Pesapal client (the <c>Pesapal</c>
    /// section). Needs <c>AddPurlDatabase()</c>, messaging and the rate limits. The workers add the IPN and refund
    /// consumers and the two jobs on top; the API adds <see cref="PesapalIpnSetup"/>.
    /// </summary>
    public static IHostApplicationBuilder AddCheckout(this IHostApplicationBuilder builder)
    {
        builder.AddPesapal();
        var services = builder.Services;
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PesapalIpnRegistrar>();
        services.TryAddScoped<CartService>();
        services.TryAddScoped<CheckoutService>();
        services.TryAddScoped<OrderQueries>();
        services.TryAddScoped<OrderLifecycle>();
        services.TryAddScoped<PaymentService>();
        services.TryAddScoped<PaymentSettlement>();
        services.TryAddScoped<PaymentRefunds>();
        services.TryAddScoped<IpnRecorder>();
        return builder;
    }
}
