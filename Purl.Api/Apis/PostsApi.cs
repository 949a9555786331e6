using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Api.Client;
using Purl.Api.Client.Social;
using Purl.Core;
using Purl.Core.Identity;
using Purl.Core.Social;

namespace Purl.Api.Apis;

/// <summary>Posts as buyers meet them: read, like, view, share and comment; and story views.</summary>
public static class PostsApi
{
    public static IEndpointRouteBuilder MapPostsApi(this IEndpointRouteBuilder app)
    {
        var posts = app.MapGroup("").WithTags("Posts").RequireAuthorization();
        posts.MapGet(SocialRoutes.Post, GetPost);
        posts.MapPost(SocialRoutes.Like, Like);
        posts.MapDelete(SocialRoutes.Like, Unlike);
        posts.MapPost(SocialRoutes.Views, View);
        posts.MapPost(SocialRoutes.Shares, Share);
        posts.MapGet(SocialRoutes.Comments, Comments);
        posts.MapPost(SocialRoutes.Comments, Comment);
        posts.MapPost(SocialRoutes.StoryViews, ViewStory);
        return app;
    }

    public static async Task<Results<Ok<PostResponse>, ProblemHttpResult>> GetPost(
        Guid postId, ClaimsPrincipal user, PostCards cards, CancellationToken ct)
    {
        var card = await cards.GetAsync(postId, user.GetUserId(), ct);
        Outcome<PostCard> outcome = card is { IsActive: true } ? card : new Problem(ProblemKind.NotFound, "Post not found.");
        return outcome.ToHttpResult(found => TypedResults.Ok(found.ToResponse()));
    }

    public static async Task<Results<Ok<LikeResponse>, ProblemHttpResult>> Like(
        Guid postId, ClaimsPrincipal user, PostEngagement engagement, CancellationToken ct) =>
        (await engagement.LikeAsync(postId, user.GetUserId(), ct)).ToHttpResult(s => TypedResults.Ok(new LikeResponse(s.Liked, s.LikeCount)));

    public static async Task<Results<Ok<LikeResponse>, ProblemHttpResult>> Unlike(
        Guid postId, ClaimsPrincipal user, PostEngagement engagement, CancellationToken ct) =>
        (await engagement.UnlikeAsync(postId, user.GetUserId(), ct)).ToHttpResult(s => TypedResults.Ok(new LikeResponse(s.Liked, s.LikeCount)));

    public static async Task<Results<Ok<ViewResponse>, ProblemHttpResult>> View(
        Guid postId, PostEngagement engagement, CancellationToken ct) =>
        (await engagement.ViewAsync(postId, ct)).ToHttpResult(count => TypedResults.Ok(new ViewResponse(count)));

    public static async Task<Results<Ok<ShareResponse>, ProblemHttpResult>> Share(
        Guid postId, PostEngagement engagement, CancellationToken ct) =>
        (await engagement.ShareAsync(postId, ct)).ToHttpResult(count => TypedResults.Ok(new ShareResponse(count)));

    public static async Task<Results<Ok<Page<CommentResponse>>, ProblemHttpResult>> Comments(
        Guid postId, [AsParameters] ListQuery query, PostEngagement engagement, CancellationToken ct) =>
        (await engagement.CommentsAsync(postId, query.Cursor, query.Limit, ct)).ToHttpResult(page => TypedResults.Ok(page.ToResponse(c => c.ToResponse())));

    public static async Task<Results<Created<CommentResponse>, ProblemHttpResult>> Comment(
        Guid postId, CommentRequest request, ClaimsPrincipal user, PostEngagement engagement, CancellationToken ct) =>
        (await engagement.CommentAsync(postId, user.GetUserId(), request.Body, ct))
            .ToHttpResult(c => TypedResults.Created(SocialRoutes.Comments.Replace("{postId}", postId.ToString()), c.ToResponse()));

    public static async Task<Results<Ok<StoryViewResponse>, ProblemHttpResult>> ViewStory(
        Guid storyId, ClaimsPrincipal user, StoriesFeed stories, CancellationToken ct) =>
        (await stories.ViewAsync(storyId, user.GetUserId(), ct)).ToHttpResult(count => TypedResults.Ok(new StoryViewResponse(count)));
}
