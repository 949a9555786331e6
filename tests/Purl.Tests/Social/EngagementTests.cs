using System.Net;
using Purl.Api.Client.Social;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Social;

public sealed class EngagementTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Liking_twice_counts_once()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var buyer = await app.CreateBuyerAsync();
        var api = app.SocialApi(buyer);

        var first = await api.LikeAsync(post.Id, Ct);
        var second = await api.LikeAsync(post.Id, Ct);

        Assert.Equal(new LikeResponse(true, 1), first);
        Assert.Equal(new LikeResponse(true, 1), second);
        await app.FlushCountersAsync();
        Assert.Equal(1, await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post.Id));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM post_likes WHERE post_id = $1", post.Id));
        Assert.Equal(1, (await api.GetPostAsync(post.Id, Ct)).LikeCount);
    }

    [Fact]
    public async Task Likes_arriving_together_count_each_buyer_once_however_often_they_tap()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var buyers = await app.CreateBuyersAsync(40);

        // Every buyer taps three times at once: the likes share commits, and a buyer's taps may share one.
        var answers = await Task.WhenAll(buyers.SelectMany(b => Enumerable.Range(0, 3).Select(_ => app.SocialApi(b).LikeAsync(post.Id, Ct))));

        Assert.All(answers, a => Assert.True(a.Liked));
        Assert.Equal(40, answers.Max(a => a.LikeCount));
        Assert.Equal(40, await app.ScalarAsync("SELECT count(*) FROM post_likes WHERE post_id = $1", post.Id));
        Assert.Equal(40, (await app.SocialApi(buyers[0]).GetPostAsync(post.Id, Ct)).LikeCount);
        await app.FlushCountersAsync();
        Assert.Equal(40, await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post.Id));
    }

    [Fact]
    public async Task A_buyer_sees_their_own_like_at_once_before_any_flush()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var buyer = await app.CreateBuyerAsync();
        var api = app.SocialApi(buyer);

        await api.LikeAsync(post.Id, Ct);
        var seen = await api.GetPostAsync(post.Id, Ct);

        Assert.True(seen.LikedByMe);
        Assert.Equal(1, seen.LikeCount);
        Assert.Equal(0, await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post.Id));
    }

    [Fact]
    public async Task Unliking_answers_liked_false_and_the_count_without_me_every_time()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var buyers = await app.CreateBuyersAsync(2);
        await app.SocialApi(buyers[0]).LikeAsync(post.Id, Ct);
        await app.SocialApi(buyers[1]).LikeAsync(post.Id, Ct);

        var first = await app.SocialApi(buyers[0]).UnlikeAsync(post.Id, Ct);
        var second = await app.SocialApi(buyers[0]).UnlikeAsync(post.Id, Ct);

        Assert.Equal(new LikeResponse(false, 1), first);
        Assert.Equal(new LikeResponse(false, 1), second);
        Assert.False((await app.SocialApi(buyers[0]).GetPostAsync(post.Id, Ct)).LikedByMe);
    }

    [Fact]
    public async Task Forty_buyers_liking_at_once_each_twice_count_forty()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var buyers = await app.CreateBuyersAsync(40);

        await Task.WhenAll(buyers.SelectMany(b => new[] { b, b }).Select(b => app.SocialApi(b).LikeAsync(post.Id, Ct)));

        Assert.Equal(40, (await app.SocialApi(buyers[0]).GetPostAsync(post.Id, Ct)).LikeCount);
        await app.FlushCountersAsync();
        Assert.Equal(40, await app.ScalarAsync("SELECT like_count FROM posts WHERE id = $1", post.Id));
        Assert.Equal(40, (await app.SocialApi(buyers[0]).GetPostAsync(post.Id, Ct)).LikeCount);
    }

    [Fact]
    public async Task Views_and_shares_are_counted_every_time()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var api = app.SocialApi(await app.CreateBuyerAsync());

        await api.ViewAsync(post.Id, Ct);
        var views = await api.ViewAsync(post.Id, Ct);
        var shares = await api.ShareAsync(post.Id, Ct);
        await app.FlushCountersAsync();
        var afterFlush = await api.GetPostAsync(post.Id, Ct);

        Assert.Equal(2, views.ViewCount);
        Assert.Equal(1, shares.ShareCount);
        Assert.Equal((2L, 1L), (afterFlush.ViewCount, afterFlush.ShareCount));
        Assert.Equal(2, await app.ScalarAsync("SELECT view_count FROM posts WHERE id = $1", post.Id));
    }

    [Fact]
    public async Task Liking_or_viewing_a_post_that_does_not_exist_is_a_404()
    {
        var api = app.SocialApi(await app.CreateBuyerAsync());

        var like = await Assert.ThrowsAnyAsync<ApiException>(() => api.LikeAsync(Guid.NewGuid(), Ct));
        var view = await Assert.ThrowsAnyAsync<ApiException>(() => api.ViewAsync(Guid.NewGuid(), Ct));

        Assert.Equal(HttpStatusCode.NotFound, like.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, view.StatusCode);
    }

    [Fact]
    public async Task An_expired_post_takes_no_likes_or_comments()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        await app.ExecuteAsync("UPDATE posts SET expires_at = now() - interval '1 minute' WHERE id = $1", post.Id);
        var buyer = await app.CreateBuyerAsync();
        var api = app.SocialApi(buyer);

        var like = await Assert.ThrowsAnyAsync<ApiException>(() => api.LikeAsync(post.Id, Ct));
        var comment = await Assert.ThrowsAnyAsync<ApiException>(() => api.CommentAsync(post.Id, new CommentRequest("Bado iko?"), Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, like.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, comment.StatusCode);
        Assert.Contains("expired", comment.Content);
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM post_comments WHERE post_id = $1", post.Id));
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM post_likes WHERE post_id = $1", post.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData(2001)]
    [InlineData(10_000)]
    public async Task An_empty_or_too_long_comment_is_a_400_naming_body(object? body)
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var text = body is int length ? new string('a', length) : (string?)body;

        var buyer = await app.CreateBuyerAsync();

        var error = await Assert.ThrowsAsync<ValidationApiException>(() => app.SocialApi(buyer).CommentAsync(post.Id, new CommentRequest(text), Ct));

        Assert.Contains("body", error.Content!.Errors.Keys);
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM post_comments WHERE post_id = $1", post.Id));
    }

    [Fact]
    public async Task A_comment_of_two_thousand_characters_is_taken_and_counted()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var buyer = await app.CreateBuyerAsync();
        var api = app.SocialApi(buyer);

        var comment = await api.CommentAsync(post.Id, new CommentRequest(new string('b', 2000)), Ct);

        Assert.Equal(buyer.Id, comment.Author.Id);
        Assert.Equal(buyer.Email.Split('@')[0], comment.Author.Name);
        Assert.Equal(1, (await api.GetPostAsync(post.Id, Ct)).CommentCount);
        await app.FlushCountersAsync();
        Assert.Equal(1, await app.ScalarAsync("SELECT comment_count FROM posts WHERE id = $1", post.Id));
    }

    [Fact]
    public async Task Comments_are_listed_newest_first_page_by_page()
    {
        var (store, _) = await app.CreateVendorAsync();
        var post = await app.PublishAsync(store);
        var api = app.SocialApi(await app.CreateBuyerAsync());
        var written = new List<Guid>();
        for (var i = 0; i < 5; i++) written.Add((await api.CommentAsync(post.Id, new CommentRequest($"Comment {i}"), Ct)).Id);

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await api.GetCommentsAsync(post.Id, cursor, 2, Ct);
            seen.AddRange(page.Items.Select(c => c.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(written), seen);
    }
}
