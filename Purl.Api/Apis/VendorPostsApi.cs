using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Api.Client;
using Purl.Api.Client.Social;
using Purl.Core.Identity;
using Purl.Core.Media;
using Purl.Core.Social;

namespace Purl.Api.Apis;

/// <summary>A store's own posts and stories, and its follower history. Vendors only, and only their own store.</summary>
public static class VendorPostsApi
{
    public static IEndpointRouteBuilder MapVendorPostsApi(this IEndpointRouteBuilder app)
    {
        var vendor = app.MapGroup("").WithTags("Vendor posts").RequireAuthorization(PurlPolicies.Vendor);
        vendor.MapPost(SocialRoutes.VendorPosts, Publish);
        vendor.MapGet(SocialRoutes.VendorPosts, List);
        vendor.MapPut(SocialRoutes.VendorPost, Update);
        vendor.MapDelete(SocialRoutes.VendorPost, Delete);
        vendor.MapPost(SocialRoutes.VendorStories, PublishStory);
        vendor.MapGet(SocialRoutes.VendorStories, ListStories);
        // Bearer-token API: no cookies, so no cross-site form posts to guard against.
        vendor.MapPost(SocialRoutes.VendorMedia, UploadMedia).DisableAntiforgery();
        vendor.MapGet(SocialRoutes.FollowerHistory, FollowerHistory);
        return app;
    }

    public static async Task<Results<Created<PostResponse>, ProblemHttpResult>> Publish(
        PostRequest request, ClaimsPrincipal user, VendorPosts posts, CancellationToken ct) =>
        (await posts.PublishAsync(StoreOf(user), user.GetUserId(), request.ToDraft(), ct))
            .ToHttpResult(p => TypedResults.Created(SocialRoutes.Post.Replace("{postId}", p.Id.ToString()), p.ToResponse()));

    public static async Task<Results<Ok<Page<PostResponse>>, ProblemHttpResult>> List(
        [AsParameters] ListQuery query, ClaimsPrincipal user, VendorPosts posts, CancellationToken ct) =>
        (await posts.ListAsync(StoreOf(user), user.GetUserId(), query.Cursor, query.Limit, ct)).ToHttpResult(page => TypedResults.Ok(page.ToResponse(p => p.ToResponse())));

    public static async Task<Results<Ok<PostResponse>, ProblemHttpResult>> Update(
        Guid postId, PostRequest request, ClaimsPrincipal user, VendorPosts posts, CancellationToken ct) =>
        (await posts.UpdateAsync(StoreOf(user), user.GetUserId(), postId, request.ToDraft(), ct)).ToHttpResult(p => TypedResults.Ok(p.ToResponse()));

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid postId, ClaimsPrincipal user, VendorPosts posts, CancellationToken ct) =>
        (await posts.DeleteAsync(StoreOf(user), postId, ct)).ToHttpResult(_ => TypedResults.NoContent());

    public static async Task<Results<Created<StoryResponse>, ProblemHttpResult>> PublishStory(
        StoryRequest request, ClaimsPrincipal user, VendorStories stories, CancellationToken ct) =>
        (await stories.PublishAsync(StoreOf(user), request.MediaUrl, request.Caption, ct))
            .ToHttpResult(s => TypedResults.Created(SocialRoutes.VendorStories, ToResponse(s)));

    private static StoryResponse ToResponse(Story s) => new(s.Id, s.VendorId, s.MediaUrl, s.Caption, s.CreatedAt, s.ExpiresAt);

    public static async Task<Ok<VendorStoriesResponse>> ListStories(ClaimsPrincipal user, VendorStories stories, CancellationToken ct) =>
        TypedResults.Ok(new VendorStoriesResponse((await stories.ListLiveAsync(StoreOf(user), ct)).Select(ToResponse).ToList()));

    /// <summary>A photo for a post or a story: a JPEG, PNG or WebP in the multipart field <c>file</c>, stored resized under <c>/media</c>.</summary>
    public static async Task<Results<Created<MediaResponse>, ProblemHttpResult>> UploadMedia(
        HttpRequest request, MediaUploads uploads, CancellationToken ct)
    {
        var upload = await ImageUploads.ReadAsync(request, uploads.MaxUploadBytes, ct);
        if (upload.Problem is { } unreadable)
            return unreadable.ToHttpResult();
        return (await uploads.SaveAsync(upload.Value!, ImageUploads.Field, ct))
            .ToHttpResult(image => TypedResults.Created(image.Url, new MediaResponse(image.Url, image.ThumbnailUrl, image.Width, image.Height)));
    }

    public static async Task<Results<Ok<FollowerHistoryResponse>, ProblemHttpResult>> FollowerHistory(
        string? range, ClaimsPrincipal user, FollowerHistory history, CancellationToken ct) =>
        (await history.ReadAsync(StoreOf(user), range, ct)).ToHttpResult(r => TypedResults.Ok(
            new FollowerHistoryResponse(r.Range, r.FollowerCount, r.Days.Select(d => new FollowerDay(d.Day, d.NewFollowers, d.Followers)).ToList())));

    /// <summary>The caller's store; the vendor policy guarantees the claim.</summary>
    private static Guid StoreOf(ClaimsPrincipal user) =>
        user.GetVendorId() ?? throw new InvalidOperationException("A vendor endpoint ran without the vendor policy.");
}
