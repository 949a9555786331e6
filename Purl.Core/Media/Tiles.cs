using System.Text.RegularExpressions;

namespace Purl.Core.Media;

/// <summary>
/// Square placeholder images, a colour with a short label, drawn on request at <c>/media/tile/{colour}/{label}</c>. The
/// demo's stores, posts and stories use them, so their pages carry short image addresses as real ones do (an inline SVG
/// was 380 characters a picture, over half of a feed page) and still need no file or network.
/// </summary>
public static partial class Tiles
{
    public const int MaxLabelLength = 14;

    /// <param name="colour">A colour as <c>#rrggbb</c> or <c>rrggbb</c>.</param>
    public static string UrlOf(string colour, string label) =>
        $"{MediaStore.UrlPrefix}tile/{colour.TrimStart('#').ToLowerInvariant()}/{Uri.EscapeDataString(Shortened(label))}";

    /// <summary>The SVG for a colour (<c>rrggbb</c>) and a label; null when the colour is not one or the label too long.</summary>
    public static string? Svg(string colour, string label)
    {
        if (!ColourPattern().IsMatch(colour) || label.Length > MaxLabelLength) return null;
        return $"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 60 60'><rect width='60' height='60' fill='#{colour}'/>" +
               $"<text x='30' y='34' font-size='8' fill='#fff' text-anchor='middle' font-family='sans-serif'>{Escape(label)}</text></svg>";
    }

    private static string Shortened(string label) => label.Length > MaxLabelLength ? label[..MaxLabelLength] : label;

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace("'", "&apos;");

    [GeneratedRegex("^[0-9a-f]{6}$")]
    private static partial Regex ColourPattern();
}
