using Refit;

namespace Purl.Api.Client.Social;

/// <summary>
/// What a signed-in buyer (or a vendor, who can also buy) does: follow stores, read and react to posts, view stories.
/// Needs the access token on the HttpClient. Failures throw <see cref="ApiException"/> (a 400 as <see cref="ValidationApiException"/>).
/// </summary>
public interface ISocialApi
{
    [Post(SocialRoutes.Follow)]
    Task<FollowResponse> FollowAsync(Guid vendorId, CancellationToken ct = default);

    [Delete(SocialRoutes.Follow)]
    Task<FollowResponse> UnfollowAsync(Guid vendorId, CancellationToken ct = default);

    [Get(SocialRoutes.Following)]
    Task<Page<FollowedVendor>> GetFollowingAsync(string? cursor = null, int? limit = null, CancellationToken ct = default);

    [Get(SocialRoutes.Post)]
    Task<PostResponse> GetPostAsync(Guid postId, CancellationToken ct = default);

    [Post(SocialRoutes.Like)]
    Task<LikeResponse> LikeAsync(Guid postId, CancellationToken ct = default);

    [Delete(SocialRoutes.Like)]
    Task<LikeResponse> UnlikeAsync(Guid postId, CancellationToken ct = default);

    [Post(SocialRoutes.Views)]
    Task<ViewResponse> ViewAsync(Guid postId, CancellationToken ct = default);

    [Post(SocialRoutes.Shares)]
    Task<ShareResponse> ShareAsync(Guid postId, CancellationToken ct = default);

    [Get(SocialRoutes.Comments)]
    Task<Page<CommentResponse>> GetCommentsAsync(Guid postId, string? cursor = null, int? limit = null, CancellationToken ct = default);

    [Post(SocialRoutes.Comments)]
    Task<CommentResponse> CommentAsync(Guid postId, [Body] CommentRequest request, CancellationToken ct = default);

    [Post(SocialRoutes.StoryViews)]
    Task<StoryViewResponse> ViewStoryAsync(Guid storyId, CancellationToken ct = default);
}
