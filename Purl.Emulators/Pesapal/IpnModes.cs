using System.Collections.Concurrent;

namespace Purl.Emulators.Pesapal;

/// <summary>How the next IPNs go out: as usual, twice, late, or not at all.</summary>
public enum IpnMode { Normal, Duplicate, Late, Lost }

/// <param name="LateDelay">For <see cref="IpnMode.Late"/>; null means the configured Pesapal:IpnLateDelay.</param>
public sealed record IpnModeSetting(IpnMode Mode, TimeSpan? LateDelay = null)
{
    public static readonly IpnModeSetting Normal = new(IpnMode.Normal);
}

/// <summary>The IPN mode for all orders, and overrides for single orders (an override wins).</summary>
public sealed class IpnModes
{
    private readonly ConcurrentDictionary<Guid, IpnModeSetting> _perOrder = new();
    private volatile IpnModeSetting _global = IpnModeSetting.Normal;

    public IpnModeSetting Global
    {
        get => _global;
        set => _global = value;
    }

    public void SetForOrder(Guid trackingId, IpnModeSetting setting) => _perOrder[trackingId] = setting;

    public IpnModeSetting For(Guid trackingId) => _perOrder.TryGetValue(trackingId, out var setting) ? setting : _global;

    public void Reset()
    {
        _global = IpnModeSetting.Normal;
        _perOrder.Clear();
    }
}
