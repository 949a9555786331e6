using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Api.Client;
using Purl.Api.Client.Feed;
using Purl.Core.Feed;
using Purl.Core.Identity;
using Purl.Core.Social;
using ClientFeedItem = Purl.Api.Client.Feed.FeedItem;

namespace Purl.Api.Apis;

/// <summary>The home feed and the stories row.</summary>
public static class FeedApi
{
    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        var feed = app.MapGroup("").WithTags("Feed").RequireAuthorization();
        feed.MapGet(FeedRoutes.Feed, GetFeed);
        feed.MapGet(FeedRoutes.Stories, GetStories);
        return app;
    }

    public static async Task<Results<Ok<Page<ClientFeedItem>>, ProblemHttpResult>> GetFeed(
        [AsParameters] ListQuery query, ClaimsPrincipal user, HomeFeed feed, CancellationToken ct) =>
        (await feed.ReadAsync(user.GetUserId(), query.Cursor, query.Limit, ct)).ToHttpResult(page => TypedResults.Ok(page.ToResponse(e => e.ToResponse())));

    public static async Task<Ok<StoriesResponse>> GetStories(ClaimsPrincipal user, StoriesFeed stories, CancellationToken ct) =>
        TypedResults.Ok(new StoriesResponse((await stories.ReadAsync(user.GetUserId(), ct)).Select(g => g.ToResponse()).ToList()));
}
