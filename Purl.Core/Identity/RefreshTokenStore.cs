using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Purl.Core.Data;

namespace Purl.Core.Identity;

/// <summary>
/// Opaque refresh tokens: 32 random bytes handed out once, kept only as SHA-256. Using one replaces it (rotation);
/// using a replaced one again revokes its whole family, since only a thief or a replay would do that.
/// </summary>
public sealed class RefreshTokenStore(PurlDbContext db, IOptions<AuthOptions> options, TimeProvider time)
{
    private const int TokenBytes = 32;

    public sealed record Issued(string Token, DateTimeOffset ExpiresAt);
    public sealed record Rotated(Guid UserId, Issued Next);

    /// <summary>Starts a new family, at sign-in.</summary>
    public async Task<Issued> IssueAsync(Guid userId, CancellationToken ct)
    {
        var (row, issued) = NewToken(userId, familyId: Guid.CreateVersion7());
        db.RefreshTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return issued;
    }

    /// <summary>Trades a live token for a new one of the same family; null when the token is unknown, expired or spent.</summary>
    public async Task<Rotated?> RotateAsync(string token, CancellationToken ct)
    {
        var hash = Hash(token);
        if (hash is null)
            return null;
        var current = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (current is null)
            return null;
        var now = time.GetUtcNow();
        if (current.RevokedAt is not null)
        {
            if (current.ReplacedById is not null)
                await RevokeFamilyAsync(current.FamilyId, ct);
            return null;
        }
        if (current.ExpiresAt <= now)
            return null;

        var (next, issued) = NewToken(current.UserId, current.FamilyId);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.RefreshTokens.Add(next);
        await db.SaveChangesAsync(ct);
        // Spend the old token only if nobody spent it in the meantime: of two concurrent uses, one wins and the
        // other is a reuse.
        var spent = await db.RefreshTokens
            .Where(t => t.Id == current.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.ReplacedById, next.Id), ct);
        if (spent == 0)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            await RevokeFamilyAsync(current.FamilyId, ct);
            return null;
        }
        await transaction.CommitAsync(ct);
        return new Rotated(current.UserId, issued);
    }

    public Task<int> RevokeFamilyAsync(Guid familyId, CancellationToken ct) =>
        db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, time.GetUtcNow()), ct);

    private (RefreshToken Row, Issued Issued) NewToken(Guid userId, Guid familyId)
    {
        var bytes = RandomNumberGenerator.GetBytes(TokenBytes);
        var now = time.GetUtcNow();
        var row = new RefreshToken
        {
            UserId = userId,
            FamilyId = familyId,
            TokenHash = SHA256.HashData(bytes),
            CreatedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
        };
        return (row, new Issued(Base64Url.EncodeToString(bytes), row.ExpiresAt));
    }

    /// <summary>The stored form of a token the client sent; null for anything that is not one of ours.</summary>
    private static byte[]? Hash(string token)
    {
        Span<byte> bytes = stackalloc byte[TokenBytes];
        return token.Length == Base64Url.GetEncodedLength(TokenBytes)
            && Base64Url.TryDecodeFromChars(token, bytes, out var written) && written == TokenBytes
                ? SHA256.HashData(bytes)
                : null;
    }
}
