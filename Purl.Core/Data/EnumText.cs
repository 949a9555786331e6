using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Purl.Core.Data;

/// <summary>
/// Enums travel as lowercase snake_case text (`PendingPayment` ⇄ `pending_payment`), in the database exactly as in the
/// API's JSON, so a row read in psql and a response body say the same word.
/// </summary>
public static class EnumText<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string ToText(TEnum value) => Names[value];

    public static TEnum Parse(string text) =>
        Values.TryGetValue(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a {typeof(TEnum).Name}.");

    public static bool TryParse(string? text, out TEnum value)
    {
        value = default;
        return text is not null && Values.TryGetValue(text, out value);
    }

    public static IReadOnlyCollection<string> All => Values.Keys;

    public static ValueConverter<TEnum, string> Converter { get; } = new(v => ToText(v), s => Parse(s));
}

public static class EnumTextExtensions
{
    /// <summary>Stores the enum as its lowercase text (see <see cref="EnumText{TEnum}"/>).</summary>
    public static PropertyBuilder<TEnum> HasEnumText<TEnum>(this PropertyBuilder<TEnum> property, int maxLength = 32)
        where TEnum : struct, Enum =>
        property.HasConversion(EnumText<TEnum>.Converter).HasMaxLength(maxLength);
}
