namespace Purl.Core.Feed;

/// <summary>
/// Where a post ranks in a feed: one number, higher first, measured in hours. Everything that ranks posts uses this
/// function — the fan-out worker, the merge when a buyer follows a store, the posts big stores publish (merged at read
/// time) and trending.
/// <code>
/// score = hours from 2020-01-01 UTC to publication                (recency: an hour newer ranks one point higher)
///       + 3 if the post is premium                                (a paid post holds its place three hours longer)
///       + log2(1 + likes + 2 × comments + 3 × shares)             (engagement: each doubling is worth an hour)
/// </code>
/// Engagement is counted when the score is taken: a feed item keeps the score it was written with, so a buyer paging
/// through their feed never sees an item jump across the cursor.
/// </summary>
public static class FeedScore
{
    public static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public const double PremiumBoostHours = 3;

    public static double Compute(DateTimeOffset publishedAt, bool isPremium, long likes = 0, long comments = 0, long shares = 0)
    {
        var recency = (publishedAt - Epoch).TotalHours;
        var premium = isPremium ? PremiumBoostHours : 0;
        var engagement = Math.Log2(1 + Math.Max(0, likes) + 2.0 * Math.Max(0, comments) + 3.0 * Math.Max(0, shares));
        return recency + premium + engagement;
    }
}
