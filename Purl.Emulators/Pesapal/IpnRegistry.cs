using System.Collections.Concurrent;

namespace Purl.Emulators.Pesapal;

public enum IpnNotificationType { Get = 0, Post = 1 }

public sealed record IpnRegistration(Guid IpnId, string Url, IpnNotificationType Type, DateTime CreatedDate);

/// <summary>The IPN URLs merchants registered. Registering the same URL again gives a new id, as Pesapal does.</summary>
public sealed class IpnRegistry(TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, IpnRegistration> _registrations = new();

    public IpnRegistration Register(string url, IpnNotificationType type)
    {
        var registration = new IpnRegistration(Guid.NewGuid(), url, type, clock.GetUtcNow().UtcDateTime);
        _registrations[registration.IpnId] = registration;
        return registration;
    }

    public IpnRegistration? Find(Guid ipnId) => _registrations.GetValueOrDefault(ipnId);

    public IReadOnlyList<IpnRegistration> List() => [.. _registrations.Values.OrderBy(r => r.CreatedDate)];

    public void Clear() => _registrations.Clear();
}
