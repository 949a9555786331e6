using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Api.Client;
using Purl.Api.Client.Social;
using Purl.Core.Identity;
using Purl.Core.Social;
using ClientFollowedVendor = Purl.Api.Client.Social.FollowedVendor;

namespace Purl.Api.Apis;

/// <summary>Following stores: follow, unfollow (both idempotent) and the stores I follow.</summary>
public static class FollowApi
{
    public static IEndpointRouteBuilder MapFollowApi(this IEndpointRouteBuilder app)
    {
        var follows = app.MapGroup("").WithTags("Follows").RequireAuthorization();
        follows.MapPost(SocialRoutes.Follow, Follow);
        follows.MapDelete(SocialRoutes.Follow, Unfollow);
        follows.MapGet(SocialRoutes.Following, Following);
        return app;
    }

    public static async Task<Results<Ok<FollowResponse>, ProblemHttpResult>> Follow(
        Guid vendorId, ClaimsPrincipal user, Follows follows, CancellationToken ct) =>
        (await follows.FollowAsync(user.GetUserId(), vendorId, ct)).ToHttpResult(s => TypedResults.Ok(new FollowResponse(s.VendorId, s.Following, s.FollowerCount)));

    public static async Task<Results<Ok<FollowResponse>, ProblemHttpResult>> Unfollow(
        Guid vendorId, ClaimsPrincipal user, Follows follows, CancellationToken ct) =>
        (await follows.UnfollowAsync(user.GetUserId(), vendorId, ct)).ToHttpResult(s => TypedResults.Ok(new FollowResponse(s.VendorId, s.Following, s.FollowerCount)));

    public static async Task<Results<Ok<Page<ClientFollowedVendor>>, ProblemHttpResult>> Following(
        [AsParameters] ListQuery query, ClaimsPrincipal user, Follows follows, CancellationToken ct) =>
        (await follows.FollowingAsync(user.GetUserId(), query.Cursor, query.Limit, ct)).ToHttpResult(page => TypedResults.Ok(page.ToResponse(f => f.ToResponse())));
}
