namespace Purl.Core.Media;

/// <summary>Settings under <c>Media:</c>.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Folder of the stored files; relative paths are from the working folder. The AppHost sets <c>.purl/media</c>.</summary>
    public string Root { get; set; } = Path.Combine(".purl", "media");

    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Larger images are refused before decoding (a small file can claim a huge canvas).</summary>
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>The longest side of the display size; smaller uploads are not enlarged.</summary>
    public int DisplaySize { get; set; } = 1080;

    public int ThumbnailSize { get; set; } = 320;
}
