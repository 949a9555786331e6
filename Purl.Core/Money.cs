namespace Purl.Core;

/// <summary>How Purl stores money: <c>numeric</c> with two decimals, never floating point.</summary>
public static class Money
{
    public const string Kes = "KES";
    public const int Precision = 12;
    /// <summary>Order and payment totals add up many lines, so they get more digits.</summary>
    public const int TotalPrecision = 14;
    public const int Scale = 2;
}
