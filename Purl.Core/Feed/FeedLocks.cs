namespace Purl.Core.Feed;

/// <summary>
/// One transaction-scoped advisory lock per store, between its fan-out and its unfollows. A fan-out batch holds it
/// exclusively while it reads followers and writes their items; an unfollow holds it shared before it deletes the
/// follow and the items. So either the batch commits first and the unfollow deletes what it wrote, or the unfollow
/// commits first and the batch no longer sees the follow: a late fan-out cannot bring an unfollowed store back.
/// (Unfollows of one store share the lock, so they never wait on each other.)
/// </summary>
internal static class FeedLocks
{
    // 1179010630 is "FEED" in ASCII: the key space of these locks; the store's id is hashed into the second key.
    public const string FanOut = "SELECT pg_advisory_xact_lock(1179010630, hashtext($1::text))";
    public const string Unfollow = "SELECT pg_advisory_xact_lock_shared(1179010630, hashtext($1::text))";
}
