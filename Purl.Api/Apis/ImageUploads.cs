using Purl.Core;

namespace Purl.Api.Apis;

/// <summary>Reads the one image of an upload request: multipart/form-data with the file in the field <c>file</c>.</summary>
public static class ImageUploads
{
    public const string Field = "file";

    public static async Task<Outcome<byte[]>> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Problem.Invalid(Field, $"Send the image as multipart/form-data, in the field '{Field}'.");
        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile(Field) is not { } file)
            return Problem.Invalid(Field, $"No file in the field '{Field}'.");
        if (file.Length > maxBytes)
            return Problem.Invalid(Field, $"At most {maxBytes / (1024 * 1024)} MB.");

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }
}
