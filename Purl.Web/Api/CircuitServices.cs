using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Purl.Web.Api;

/// <summary>
/// The services of the circuit whose event is running. HttpClient handlers live in a scope of their own, so the bearer
/// handler finds the vendor's session through this (the pattern of "access server-side Blazor services from a
/// different DI scope").
/// </summary>
public sealed class CircuitServicesAccessor
{
    private static readonly AsyncLocal<IServiceProvider?> Current = new();

    public IServiceProvider? Services
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}

internal sealed class CircuitServicesActivityHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            await next(context);
            accessor.Services = null;
        };
}
