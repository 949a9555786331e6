using Microsoft.EntityFrameworkCore;
using Purl.Core.Data;
using Purl.Core.Messaging;

namespace Purl.Core.Social;

/// <summary>A store publishes a story; it lives <see cref="Story.Lifetime"/> and followers see it in <c>/stories</c>.</summary>
public sealed class VendorStories(PurlDbContext db, IOutbox outbox, TimeProvider time)
{
    public const int CaptionMaxLength = 500;

    /// <summary>How many live stories the dashboard lists; a day's stories are a handful, never a page's worth.</summary>
    public const int MaxLive = 50;

    public async Task<Outcome<Story>> PublishAsync(Guid vendorId, string? mediaUrl, string? caption, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!VendorPosts.IsImageReference(mediaUrl))
            errors.Add("mediaUrl", $"A story needs its media: an http(s) URL or a path starting with '/', at most {VendorPosts.MaxUrlLength} characters.");
        if (caption is { Length: > CaptionMaxLength })
            errors.Add("caption", $"A caption is at most {CaptionMaxLength} characters.");
        if (errors.Any) return errors.ToProblem();
        if (!await db.Vendors.AnyAsync(v => v.Id == vendorId && v.IsActive, ct))
            return new Problem(ProblemKind.Unprocessable, "The store is closed.");

        var now = time.GetUtcNow();
        var story = Story.Create(vendorId, mediaUrl!.Trim(), now);
        story.Id = Guid.CreateVersion7(now);
        story.Caption = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim();
        db.Stories.Add(story);
        outbox.Add(new StoryPublished(story.Id, vendorId, story.CreatedAt, story.ExpiresAt));
        await db.SaveChangesAsync(ct);
        return story;
    }

    /// <summary>The store's live stories (not yet expired), newest first; at most <see cref="MaxLive"/> of them.</summary>
    public async Task<IReadOnlyList<Story>> ListLiveAsync(Guid vendorId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Stories.AsNoTracking()
            .Where(s => s.VendorId == vendorId && s.ExpiresAt > now)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Take(MaxLive)
            .ToListAsync(ct);
    }
}
