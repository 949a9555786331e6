using Microsoft.Extensions.Options;
using NetVips;

namespace Purl.Core.Media;

public sealed record ProcessedImage(byte[] Display, int Width, int Height, byte[] Thumbnail, string Ext);

/// <summary>
/// Turns an upload into the two sizes Purl serves, with libvips (NetVips): a display size and a thumbnail, both WebP
/// (small on slow mobile networks), upright per EXIF, with metadata stripped (a phone photo's EXIF can hold the
/// seller's home location). Only JPEG, PNG and WebP are accepted, recognised by their bytes, not their names.
/// </summary>
public sealed class ImageProcessor(IOptions<MediaOptions> options)
{
    public const string OutputExt = "webp";

    static ImageProcessor()
    {
        // libvips' operation cache helps pipelines that repeat; uploads never do, and it would hold memory.
        Cache.Max = 0;
    }

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>The two sizes, or a problem naming <paramref name="field"/>.</summary>
    public Outcome<ProcessedImage> Process(byte[] upload, string field)
    {
        var settings = options.Value;
        if (upload.Length == 0)
            return Problem.Invalid(field, "The file is empty.");
        if (upload.Length > settings.MaxUploadBytes)
            return Problem.Invalid(field, $"At most {settings.MaxUploadBytes / (1024 * 1024)} MB.");
        if (!LooksLikeAcceptedImage(upload))
            return Problem.Invalid(field, "Not a JPEG, PNG or WebP image.");

        try
        {
            using (var header = Image.NewFromBuffer(upload, access: Enums.Access.Sequential))
            {
                if ((long)header.Width * header.Height > settings.MaxPixels)
                    return Problem.Invalid(field, $"At most {settings.MaxPixels / 1_000_000} megapixels.");
            }
            using var display = Image.ThumbnailBuffer(upload, settings.DisplaySize, height: settings.DisplaySize,
                size: Enums.Size.Down, failOn: Enums.FailOn.Error);
            using var thumbnail = Image.ThumbnailBuffer(upload, settings.ThumbnailSize, height: settings.ThumbnailSize,
                size: Enums.Size.Down, failOn: Enums.FailOn.Error);
            return new ProcessedImage(
                display.WebpsaveBuffer(q: 82, keep: Enums.ForeignKeep.None), display.Width, display.Height,
                thumbnail.WebpsaveBuffer(q: 75, keep: Enums.ForeignKeep.None), OutputExt);
        }
        catch (VipsException)
        {
            return Problem.Invalid(field, "The image could not be read; it may be damaged or truncated.");
        }
    }

    /// <summary>JPEG (FF D8 FF), PNG (89 'PNG' 0D 0A 1A 0A) or WebP ('RIFF' size 'WEBP').</summary>
    private static bool LooksLikeAcceptedImage(ReadOnlySpan<byte> bytes) =>
        bytes is [0xFF, 0xD8, 0xFF, ..]
        || bytes is [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..]
        || (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8));
}
