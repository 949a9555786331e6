namespace Purl.Core.Media;

/// <summary>An image a vendor uploaded for a post or a story: served from <c>/media</c> in two sizes.</summary>
public sealed record UploadedImage(string Url, string ThumbnailUrl, int Width, int Height);

/// <summary>
/// Uploads that belong to no product yet (post and story photos): the same resizing and content-addressed storage as
/// product photos, with no row of their own — a post or story names the URL, and the same bytes always get the same name.
/// </summary>
public sealed class MediaUploads(ImageProcessor images, MediaStore media)
{
    public long MaxUploadBytes => images.MaxUploadBytes;

    public async Task<Outcome<UploadedImage>> SaveAsync(byte[] upload, string field, CancellationToken ct)
    {
        var processed = images.Process(upload, field);
        if (processed.Problem is { } unreadable)
            return unreadable;
        var image = processed.Value!;
        var displayHash = await media.SaveAsync(image.Display, image.Ext, ct);
        var thumbnailHash = await media.SaveAsync(image.Thumbnail, image.Ext, ct);
        return new UploadedImage(MediaStore.UrlOf(displayHash, image.Ext), MediaStore.UrlOf(thumbnailHash, image.Ext), image.Width, image.Height);
    }
}
