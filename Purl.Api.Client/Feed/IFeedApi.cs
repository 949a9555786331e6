using Refit;

namespace Purl.Api.Client.Feed;

/// <summary>The home feed and the stories row. Needs the access token on the HttpClient.</summary>
public interface IFeedApi
{
    [Get(FeedRoutes.Feed)]
    Task<Page<FeedItem>> GetFeedAsync(string? cursor = null, int? limit = null, CancellationToken ct = default);

    [Get(FeedRoutes.Stories)]
    Task<StoriesResponse> GetStoriesAsync(CancellationToken ct = default);
}
