using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;

namespace Purl.Core.Caching;

/// <summary>
/// A response body serialised once, with its entity tag. Caching the bytes rather than the object means a cache hit
/// costs no serialisation and no hashing; immutable, so HybridCache hands out the same instance from memory.
/// </summary>
[ImmutableObject(true)]
public sealed class CachedResponse(byte[] body, string eTag)
{
    public byte[] Body { get; } = body;

    /// <summary>A weak validator (<c>W/"…"</c>): the same JSON may travel gzip'd, Brotli'd or plain.</summary>
    public string ETag { get; } = eTag;

    public static CachedResponse Json<T>(T value, JsonSerializerOptions options)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, options);
        return new CachedResponse(body, ETagOf(body));
    }

    public static string ETagOf(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return $"W/\"{Convert.ToBase64String(hash[..12]).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"";
    }
}

/// <summary>How a <see cref="CachedResponse"/> is kept in Redis: etag length, etag, body.</summary>
internal sealed class CachedResponseSerializer : IHybridCacheSerializer<CachedResponse>
{
    public CachedResponse Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new SequenceReader<byte>(source);
        if (!reader.TryReadLittleEndian(out int length) || length < 0 || length > reader.Remaining)
            throw new InvalidDataException("Not a cached response.");
        var eTag = Encoding.UTF8.GetString(source.Slice(reader.Position, length));
        var body = source.Slice(reader.Position).Slice(length).ToArray();
        return new CachedResponse(body, eTag);
    }

    public void Serialize(CachedResponse value, IBufferWriter<byte> target)
    {
        var eTagBytes = Encoding.UTF8.GetBytes(value.ETag);
        BinaryPrimitives.WriteInt32LittleEndian(target.GetSpan(4), eTagBytes.Length);
        target.Advance(4);
        target.Write(eTagBytes);
        target.Write(value.Body);
    }
}
