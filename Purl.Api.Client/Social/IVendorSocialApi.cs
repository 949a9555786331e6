using Refit;

namespace Purl.Api.Client.Social;

/// <summary>A store's own posts, stories and follower history. Needs a vendor's access token on the HttpClient.</summary>
public interface IVendorSocialApi
{
    [Post(SocialRoutes.VendorPosts)]
    Task<PostResponse> PublishPostAsync([Body] PostRequest request, CancellationToken ct = default);

    [Get(SocialRoutes.VendorPosts)]
    Task<Page<PostResponse>> GetPostsAsync(string? cursor = null, int? limit = null, CancellationToken ct = default);

    [Put(SocialRoutes.VendorPost)]
    Task<PostResponse> UpdatePostAsync(Guid postId, [Body] PostRequest request, CancellationToken ct = default);

    [Delete(SocialRoutes.VendorPost)]
    Task DeletePostAsync(Guid postId, CancellationToken ct = default);

    [Post(SocialRoutes.VendorStories)]
    Task<StoryResponse> PublishStoryAsync([Body] StoryRequest request, CancellationToken ct = default);

    [Get(SocialRoutes.VendorStories)]
    Task<VendorStoriesResponse> GetStoriesAsync(CancellationToken ct = default);

    /// <summary>Uploads a JPEG, PNG or WebP (multipart field <c>file</c>, at most 10 MB by default) for a post or a story.</summary>
    [Multipart]
    [Post(SocialRoutes.VendorMedia)]
    Task<MediaResponse> UploadMediaAsync([AliasAs("file")] StreamPart file, CancellationToken ct = default);

    [Get(SocialRoutes.FollowerHistory)]
    Task<FollowerHistoryResponse> GetFollowerHistoryAsync(string? range = null, CancellationToken ct = default);
}
