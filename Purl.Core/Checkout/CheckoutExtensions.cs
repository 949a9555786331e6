using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Purl.Core.Payments;
using Purl.Core.Payments.Pesapal;

namespace Purl.Core.Checkout;

public static class CheckoutExtensions
{
    /// <summary>
    /// What the API and the workers share: orders, settling and refunding payments (the <c>Payments</c> section) and
    /// the Pesapal client (the <c>Pesapal</c> section). Needs <c>AddPurlDatabase()</c> and messaging. The workers add
    /// the IPN and refund consumers and the two jobs on top.
    /// </summary>
    public static IHostApplicationBuilder AddCheckout(this IHostApplicationBuilder builder)
    {
        builder.AddPesapal();
        var services = builder.Services;
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<OrderQueries>();
        services.TryAddScoped<OrderLifecycle>();
        services.TryAddScoped<PaymentSettlement>();
        services.TryAddScoped<PaymentRefunds>();
        return builder;
    }

    /// <summary>
    /// <see cref="AddCheckout"/> plus what only the API does: the cart, checkout, starting payments (which also needs
    /// the rate limits), recording IPNs, and registering the IPN URL with Pesapal once the API listens.
    /// </summary>
    public static IHostApplicationBuilder AddCheckoutApi(this IHostApplicationBuilder builder)
    {
        builder.AddCheckout();
        var services = builder.Services;
        services.TryAddSingleton<PesapalIpnRegistrar>();
        services.TryAddScoped<CartService>();
        services.TryAddScoped<CheckoutService>();
        services.TryAddScoped<PaymentService>();
        services.TryAddSingleton<IpnRecorder>();
        services.AddHostedService<PesapalIpnSetup>();
        return builder;
    }
}
