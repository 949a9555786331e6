using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Refit;

namespace Purl.Core.Payments.Pesapal;

/// <summary>
/// The circuit breaker's state, for callers that answer 503 at once while it is open (and for tests). Open means
/// within the break: once it has passed, the next call goes through the pipeline, which lets one trial call reach
/// Pesapal (Polly moves to half-open only when a call comes).
/// </summary>
public sealed class PesapalCircuit(TimeProvider clock)
{
    private long _openUntilTicks;

    public CircuitBreakerStateProvider StateProvider { get; } = new();

    public bool IsOpen => StateProvider.CircuitState is CircuitState.Isolated
        || (StateProvider.CircuitState == CircuitState.Open && clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _openUntilTicks));

    internal void Opened(TimeSpan breakDuration) => Interlocked.Exchange(ref _openUntilTicks, (clock.GetUtcNow() + breakDuration).UtcTicks);
}

public static class PesapalExtensions
{
    private static readonly RefitSettings Settings = new(new SystemTextJsonContentSerializer(PesapalJson.Options));

    /// <summary>
    /// The Pesapal client (<see cref="PesapalClient"/>) from the <c>Pesapal</c> section. Its HTTP pipeline replaces the
    /// standard one: a total timeout, retries with exponential backoff and jitter for the idempotent calls only (token,
    /// transaction status, IPN list: a SubmitOrderRequest or RefundRequest is never retried by the pipeline), a circuit
    /// breaker over every call, and a per-attempt timeout.
    /// </summary>
    public static IHostApplicationBuilder AddPesapal(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PesapalOptions>().BindConfiguration(PesapalOptions.Section)
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Pesapal:BaseUrl must be an absolute URL.")
            .Validate(o => o.IpnNotificationType is "GET" or "POST", "Pesapal:IpnNotificationType must be GET or POST.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PesapalTokens>();
        services.TryAddSingleton<PesapalCircuit>();
        services.TryAddSingleton<PurlPublicAddress>();
        services.TryAddTransient<PesapalClient>();

#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: the standard handler would retry POSTs, which must never be resent blindly.
        services.AddRefitGeneratedClient<IPesapalApi>(Settings)
            .ConfigureHttpClient((sp, http) => http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<PesapalOptions>>().Value.BaseUrl.TrimEnd('/')))
            .RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
            .AddResilienceHandler("pesapal", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<PesapalOptions>>().Value;
                var circuit = context.ServiceProvider.GetRequiredService<PesapalCircuit>();
                pipeline.AddTimeout(o.TotalTimeout);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, o.MaxRetries),
                    Delay = o.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(
                        IsIdempotent(args.Context.GetRequestMessage()) && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = o.FailureRatio,
                    MinimumThroughput = Math.Max(2, o.MinimumThroughput),
                    SamplingDuration = o.SamplingDuration,
                    BreakDuration = o.BreakDuration,
                    StateProvider = circuit.StateProvider,
                    OnOpened = args =>
                    {
                        circuit.Opened(args.BreakDuration);
                        return ValueTask.CompletedTask;
                    },
                });
                pipeline.AddTimeout(o.AttemptTimeout);
            });
        return builder;
    }

    /// <summary>Safe to send twice: reads, and the token request (a second token costs nothing).</summary>
    private static bool IsIdempotent(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get
            || request.RequestUri?.AbsolutePath.EndsWith("/api/Auth/RequestToken", StringComparison.OrdinalIgnoreCase) == true);
}
