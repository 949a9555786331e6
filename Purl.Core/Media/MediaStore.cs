using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Purl.Core.Media;

/// <summary>
/// Content-addressed files: a file's name is the SHA-256 of its bytes, so a name always means the same bytes and can be
/// cached forever (<c>/media/{hash}.{ext}</c>). Files are written under a temporary name and moved into place, so a
/// reader never sees half a file; storing the same bytes twice keeps one copy.
/// </summary>
public sealed partial class MediaStore(IOptions<MediaOptions> options)
{
    public const string UrlPrefix = "/media/";

    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["webp"] = "image/webp",
        ["jpg"] = "image/jpeg",
        ["png"] = "image/png",
    };

    public string Root { get; } = Path.GetFullPath(options.Value.Root);

    public static string UrlOf(string hash, string ext) => UrlOf($"{hash}.{ext}");

    /// <summary>The address of a stored file by its name, <c>{hash}.{ext}</c>.</summary>
    public static string UrlOf(string fileName) => UrlPrefix + fileName;

    /// <summary>Stores <paramref name="bytes"/> and returns their hash.</summary>
    public async Task<string> SaveAsync(byte[] bytes, string ext, CancellationToken ct)
    {
        if (!ContentTypes.ContainsKey(ext))
            throw new ArgumentException($"No media type for .{ext}.", nameof(ext));
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = PathOf(hash, ext);
        if (File.Exists(path))
            return hash;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, ct);
            File.Move(temporary, path, overwrite: true); // same name, same bytes: replacing a concurrent copy changes nothing
        }
        finally
        {
            File.Delete(temporary);
        }
        return hash;
    }

    /// <summary>The stored file a <c>/media</c> name refers to, with its content type; null when the name is not one of ours or there is no such file.</summary>
    public (string Path, string ContentType, string Hash)? Find(string name)
    {
        var match = NamePattern().Match(name);
        if (!match.Success)
            return null;
        var (hash, ext) = (match.Groups[1].Value, match.Groups[2].Value);
        var path = PathOf(hash, ext);
        return File.Exists(path) ? (path, ContentTypes[ext], hash) : null;
    }

    /// <summary>Two levels of fan-out (ab/cd/abcd….webp) keep folders small.</summary>
    private string PathOf(string hash, string ext) => Path.Combine(Root, hash[..2], hash[2..4], $"{hash}.{ext}");

    [GeneratedRegex("^([0-9a-f]{64})\\.(webp|jpg|png)$")]
    private static partial Regex NamePattern();
}
