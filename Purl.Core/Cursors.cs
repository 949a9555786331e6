using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Purl.Core;

/// <summary>DESIGN's list sizes: 20 unless asked, at most 100.</summary>
public static class PageLimit
{
    public const int Default = 20;
    public const int Max = 100;

    public static int Resolve(int? requested, FieldErrors errors)
    {
        if (requested is null) return Default;
        if (requested is < 1 or > Max)
            errors.Add("limit", $"Limit must be between 1 and {Max}.");
        return Math.Clamp(requested.Value, 1, Max);
    }
}

/// <summary>
/// An opaque keyset cursor: a sort value and an id, the position of the last item of a page. The next page starts
/// strictly after it, so rows inserted meanwhile cause neither gaps nor repeats among the rows already ordered.
/// </summary>
public readonly record struct KeysetCursor(string Kind, double Value, Guid Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Kind}|{Value.ToString("R", CultureInfo.InvariantCulture)}|{Id:N}"));

    /// <summary>A time as Unix microseconds: Postgres's precision, and exact in a double.</summary>
    public static KeysetCursor ForTime(DateTimeOffset at, Guid id) =>
        new("t", (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond, id);

    public DateTimeOffset Time => DateTimeOffset.UnixEpoch.AddTicks((long)Value * TimeSpan.TicksPerMicrosecond);

    /// <summary>Null (first page) when <paramref name="text"/> is empty; a field error naming <c>cursor</c> when it is not ours.</summary>
    public static KeysetCursor? Parse(string? text, FieldErrors errors, params string[] kinds)
    {
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
            if (parts.Length == 3 && kinds.Contains(parts[0])
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value)
                && Guid.TryParseExact(parts[2], "N", out var id))
                return new KeysetCursor(parts[0], value, id);
        }
        catch (FormatException)
        {
        }
        errors.Add("cursor", "Cursor is not one this list gave out.");
        return null;
    }
}
