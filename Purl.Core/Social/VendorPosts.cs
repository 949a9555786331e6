using Purl.Api.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Purl.Core.Data;
using Purl.Core.Feed;
using Purl.Core.Messaging;

namespace Purl.Core.Social;

/// <summary>What a vendor sends to publish or edit a post. Images are URLs or paths (e.g. <c>/media/{hash}.jpg</c>).</summary>
public sealed record PostDraft(string? Caption, IReadOnlyList<string>? Images, IReadOnlyList<Guid>? TaggedProductIds, bool IsPremium, DateTimeOffset? ExpiresAt);

/// <summary>
/// A store's posts: publish (raising <see cref="PostPublished"/> in the same commit, which the fan-out worker takes),
/// edit, delete and list. Only the store that owns a post may change it.
/// </summary>
public sealed class VendorPosts(PurlDbContext db, IOutbox outbox, PostCards cards, IOptions<FeedOptions> options, TimeProvider time)
{
    public const int MaxImages = 10;
    public const int MaxTaggedProducts = 10;
    public const int MaxUrlLength = 500;
    public const int CaptionMaxLength = 2200;

    private static readonly Problem PostNotFound = new(ProblemKind.NotFound, "Post not found.");
    private static readonly Problem NotYourPost = new(ProblemKind.Forbidden, "This post belongs to another store.");

    public async Task<Outcome<PostCard>> PublishAsync(Guid vendorId, Guid ownerUserId, PostDraft draft, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var errors = await ValidateAsync(vendorId, draft, now, ct);
        if (errors.Any) return errors.ToProblem();
        var vendor = await db.Vendors.AsNoTracking().Where(v => v.Id == vendorId && v.IsActive)
            .Select(v => new { v.FollowerCount }).FirstOrDefaultAsync(ct);
        if (vendor is null) return new Problem(ProblemKind.Unprocessable, "The store is closed.");

        var post = new Post
        {
            Id = Guid.CreateVersion7(now),
            VendorId = vendorId,
            CreatedAt = now,
            UpdatedAt = now,
            // Decided once, here: a post is either fanned out or merged at read time, never both.
            MergedAtRead = vendor.FollowerCount > options.Value.FanOutFollowerThreshold,
        };
        Apply(post, draft, now);
        db.Posts.Add(post);
        outbox.Add(new PostPublished(post.Id, vendorId, now));
        await SaveWithTaggedProductsAsync(post, ct);
        return (await cards.GetAsync(post.Id, ownerUserId, ct))!;
    }

    public async Task<Outcome<PostCard>> UpdateAsync(Guid vendorId, Guid ownerUserId, Guid postId, PostDraft draft, CancellationToken ct)
    {
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == postId && p.IsActive, ct);
        if (post is null) return PostNotFound;
        if (post.VendorId != vendorId) return NotYourPost;

        var now = time.GetUtcNow();
        var errors = await ValidateAsync(vendorId, draft, now, ct);
        if (errors.Any) return errors.ToProblem();
        Apply(post, draft, now);
        await SaveWithTaggedProductsAsync(post, ct);
        return (await cards.GetAsync(post.Id, ownerUserId, ct))!;
    }

    /// <summary>Saves the post and writes its tagged products' cards in the same commit.</summary>
    private async Task SaveWithTaggedProductsAsync(Post post, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await TaggedProducts.RefreshPostAsync(db, post.Id, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Takes the post out of every feed at once (reads skip inactive posts); the hourly clean-up deletes it.</summary>
    public async Task<Outcome<bool>> DeleteAsync(Guid vendorId, Guid postId, CancellationToken ct)
    {
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == postId && p.IsActive, ct);
        if (post is null) return PostNotFound;
        if (post.VendorId != vendorId) return NotYourPost;
        post.IsActive = false;
        post.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The store's own posts, newest first, expired ones included.</summary>
    public async Task<Outcome<Page<PostCard>>> ListAsync(Guid vendorId, Guid ownerUserId, string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var take = PageLimit.Resolve(limit, errors);
        var after = KeysetCursor.Parse(cursor, errors, "t");
        if (errors.Any) return errors.ToProblem();

        // sort_key is the creation time in Unix microseconds, the cursor's own unit.
        var page = await cards.ReadAsync("""
            SELECT id AS post_id, (extract(epoch FROM created_at) * 1000000)::float8 AS sort_key
            FROM posts
            WHERE vendor_id = @vendor AND is_active AND (created_at, id) < (@before, @beforeId)
            ORDER BY created_at DESC, id DESC
            LIMIT @take
            """, ownerUserId, p =>
        {
            p.AddWithValue("vendor", vendorId);
            p.AddWithValue("before", after?.Time ?? DateTimeOffset.MaxValue);
            p.AddWithValue("beforeId", after?.Id ?? Guid.AllBitsSet);
            p.AddWithValue("take", take + 1);
        }, ct);
        var items = page.Take(take).ToList();
        return new Page<PostCard>(items, page.Count > take ? KeysetCursor.ForTime(items[^1].CreatedAt, items[^1].Id).Encode() : null);
    }

    private void Apply(Post post, PostDraft draft, DateTimeOffset now)
    {
        post.Caption = string.IsNullOrWhiteSpace(draft.Caption) ? null : draft.Caption.Trim();
        post.Images = draft.Images!.Select(i => i.Trim()).ToList();
        post.TaggedProductIds = (draft.TaggedProductIds ?? []).Distinct().ToList();
        post.IsPremium = draft.IsPremium;
        post.ExpiresAt = draft.ExpiresAt?.ToUniversalTime() ?? post.CreatedAt + options.Value.DefaultPostLifetime;
        post.FeedScore = FeedScore.Compute(post.CreatedAt, post.IsPremium);
        post.UpdatedAt = now;
    }

    private async Task<FieldErrors> ValidateAsync(Guid vendorId, PostDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (draft.Caption is { Length: > CaptionMaxLength })
            errors.Add("caption", $"A caption is at most {CaptionMaxLength} characters.");

        if (draft.Images is not { Count: > 0 })
            errors.Add("images", "A post needs at least one image.");
        else if (draft.Images.Count > MaxImages)
            errors.Add("images", $"A post has at most {MaxImages} images.");
        else if (draft.Images.Any(i => !IsImageReference(i)))
            errors.Add("images", $"Each image is an http(s) URL or a path starting with '/', at most {MaxUrlLength} characters.");

        var tagged = draft.TaggedProductIds ?? [];
        if (tagged.Count > MaxTaggedProducts)
            errors.Add("taggedProductIds", $"A post tags at most {MaxTaggedProducts} products.");
        else if (tagged.Count > 0)
        {
            var ids = tagged.Distinct().ToList();
            var own = await db.Products.Where(p => ids.Contains(p.Id) && p.VendorId == vendorId).Select(p => p.Id).ToListAsync(ct);
            var foreign = ids.Except(own).ToList();
            if (foreign.Count > 0)
                errors.Add("taggedProductIds", $"Only your own products can be tagged; not yours: {string.Join(", ", foreign)}.");
        }

        if (draft.ExpiresAt is { } expires)
        {
            if (expires <= now)
                errors.Add("expiresAt", "Expiry must be in the future.");
            else if (expires > now + options.Value.MaxPostLifetime)
                errors.Add("expiresAt", $"Expiry is at most {options.Value.MaxPostLifetime.TotalDays:0} days away.");
        }
        return errors;
    }

    public static bool IsImageReference(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        var text = value.Trim();
        if (text.Length > MaxUrlLength) return false;
        if (text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal))
            return !text.Any(char.IsWhiteSpace);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
    }
}
