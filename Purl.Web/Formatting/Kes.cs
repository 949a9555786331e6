using System.Globalization;

namespace Purl.Web.Formatting;

/// <summary>How the dashboard writes money and counts: "KES 1,500.00", the same on every server whatever its culture.</summary>
public static class Kes
{
    private static readonly CultureInfo Kenya = CultureInfo.InvariantCulture; // "1,500.00" as Kenyans write it, independent of the server's ICU data

    /// <summary>"KES 1,500.00"; another currency keeps its own code ("USD 12.50"); negative amounts read "-KES 200.00".</summary>
    public static string Format(decimal amount, string currency = "KES")
    {
        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        var digits = Math.Abs(rounded).ToString("#,##0.00", Kenya);
        return rounded < 0 ? $"-{currency} {digits}" : $"{currency} {digits}";
    }

    /// <summary>"KES 1.2M", "KES 15.4K", "KES 950" for chart labels where the full figure does not fit.</summary>
    public static string Short(decimal amount, string currency = "KES") => $"{currency} {Count((double)amount)}";

    /// <summary>12,345 for counts.</summary>
    public static string Number(long value) => value.ToString("#,##0", Kenya);

    /// <summary>"1.2M", "15.4K", "950".</summary>
    public static string Count(double value) => Math.Abs(value) switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.#", Kenya) + "M",
        >= 10_000 => (value / 1_000).ToString("0.#", Kenya) + "K",
        _ => value.ToString("#,##0", Kenya),
    };

    /// <summary>"2.35%" from a rate such as 0.0235; "—" when there is no rate (no views yet).</summary>
    public static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.##", Kenya) + "%" : "—";

    /// <summary>Times in Nairobi, where the vendors are: "14 Mar 2026, 18:05".</summary>
    public static string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Nairobi).ToString("d MMM yyyy, HH:mm", Kenya);

    public static TimeZoneInfo Nairobi { get; } = TimeZoneInfo.FindSystemTimeZoneById("Africa/Nairobi");
}
