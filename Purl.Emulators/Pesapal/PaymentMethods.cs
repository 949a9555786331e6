using System.Security.Cryptography;

namespace Purl.Emulators.Pesapal;

/// <summary>The payment methods the payment page offers, and the details Pesapal reports for each.</summary>
public static class PaymentMethods
{
    public const string Mpesa = "MpesaKE";
    public const string Airtel = "AirtelKE";
    public const string Visa = "Visa";

    public static readonly IReadOnlyList<string> All = [Mpesa, Airtel, Visa];

    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    private const string TestCard = "4761730000000010";

    public static string Label(string method) => method switch
    {
        Mpesa => "M-Pesa",
        Airtel => "Airtel Money",
        _ => "Visa card",
    };

    public static bool IsKnown(string method) => All.Contains(method, StringComparer.Ordinal);

    public static bool IsMobileMoney(string method) => method is Mpesa or Airtel;

    /// <summary>
    /// What the status call reports after a payment: the masked account (phone or card) and a confirmation code
    /// shaped like the real ones (ten characters for M-Pesa, digits for cards). A failed payment has no code.
    /// </summary>
    public static PaymentDetails Describe(string method, string? phone, bool paid)
    {
        var account = IsMobileMoney(method) ? MaskPhone(phone) : TestCard[..6] + "**" + TestCard[^4..];
        var code = !paid ? "" : IsMobileMoney(method) ? RandomCode(10) : RandomDigits(22);
        return new PaymentDetails(method, account, code);
    }

    /// <summary>"+254 712 345 678" → "2547*****678": the country prefix and the last three digits stay.</summary>
    public static string MaskPhone(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 8) return new string('*', digits.Length);
        return digits[..4] + new string('*', digits.Length - 7) + digits[^3..];
    }

    private static string RandomCode(int length) =>
        string.Create(length, 0, (span, _) =>
        {
            span[0] = CodeAlphabet[RandomNumberGenerator.GetInt32(24)]; // M-Pesa codes start with a letter
            for (var i = 1; i < span.Length; i++) span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        });

    private static string RandomDigits(int length) =>
        string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        });
}
