namespace Purl.Emulators.Pesapal;

/// <summary>Puts the Pesapal emulator back to a clean state (see the control API's reset).</summary>
public sealed class PesapalReset(PesapalOrders orders, IpnDeliveries deliveries, IpnSender sender, IpnModes modes, PesapalFaults faults,
    PesapalTokens tokens, IpnRegistry ipns)
{
    public void Run(bool everything)
    {
        sender.Reset();
        orders.Clear();
        deliveries.Clear();
        modes.Reset();
        faults.Clear();
        if (!everything) return;
        tokens.Clear();
        ipns.Clear();
    }
}
