using System.Collections.Concurrent;

namespace Purl.Emulators.Pesapal;

/// <summary>
/// Every order, by tracking id, by merchant reference and by confirmation code. The indexes are concurrent
/// dictionaries, so a flash sale's hundreds of submissions a second never queue behind one lock.
/// </summary>
public sealed class PesapalOrders
{
    private readonly ConcurrentDictionary<Guid, PesapalOrder> _byTrackingId = new();
    private readonly ConcurrentDictionary<string, PesapalOrder> _byReference = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PesapalOrder> _byConfirmationCode = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>False when the merchant reference is taken: two racing submissions of one reference make one order.</summary>
    public bool TryAdd(PesapalOrder order)
    {
        if (!_byReference.TryAdd(order.MerchantReference, order)) return false;
        _byTrackingId[order.TrackingId] = order;
        return true;
    }

    public PesapalOrder? Find(Guid trackingId) => _byTrackingId.GetValueOrDefault(trackingId);

    public PesapalOrder? FindByConfirmationCode(string code) => _byConfirmationCode.GetValueOrDefault(code);

    public bool TryReserveConfirmationCode(string code, PesapalOrder order) => _byConfirmationCode.TryAdd(code, order);

    public void ReleaseConfirmationCode(string code) => _byConfirmationCode.TryRemove(code, out _);

    public ICollection<PesapalOrder> All => _byTrackingId.Values;

    public int Count => _byTrackingId.Count;

    public void Clear()
    {
        _byTrackingId.Clear();
        _byReference.Clear();
        _byConfirmationCode.Clear();
    }
}
