namespace Purl.Emulators.Pesapal;

/// <summary>Pesapal's paths, as under the sandbox base https://cybqa.pesapal.com/pesapalv3. Tests use these too.</summary>
public static class PesapalRoutes
{
    public const string Base = "/pesapalv3";
    public const string Api = Base + "/api";

    public const string RequestToken = "/Auth/RequestToken";
    public const string RegisterIpn = "/URLSetup/RegisterIPN";
    public const string GetIpnList = "/URLSetup/GetIpnList";
    public const string SubmitOrderRequest = "/Transactions/SubmitOrderRequest";
    public const string GetTransactionStatus = "/Transactions/GetTransactionStatus";
    public const string RefundRequest = "/Transactions/RefundRequest";
    public const string CancelOrder = "/Transactions/CancelOrder";

    /// <summary>The payment page, under <see cref="Base"/>: the redirect_url of an order.</summary>
    public const string PaymentPage = "/pay";

    public static string PaymentPagePath(Guid orderTrackingId) => $"{Base}{PaymentPage}/{orderTrackingId}";
}
