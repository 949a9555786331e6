using System.Net;
using System.Net.Http.Headers;
using Purl.Api.Client.Auth;
using Purl.Tests.Infrastructure;
using Refit;

namespace Purl.Tests.Auth;

public sealed class SignInTests(PurlApp app) : IClassFixture<PurlApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_login_gives_a_bearer_token_that_opens_me()
    {
        var (registered, tokens) = await app.RegisterAndLoginAsync("vendor", "Kisumu Fish Mongers");

        Assert.Equal("Bearer", tokens.TokenType);
        Assert.True(tokens.ExpiresIn > 0);
        var me = await app.AuthAs(tokens.AccessToken).GetMeAsync(Ct);
        Assert.Equal(registered.Id, me.Id);
        Assert.Equal(registered.Email, me.Email);
        Assert.Equal(["vendor"], me.Roles);
        Assert.Equal(registered.VendorId, me.VendorId);
    }

    [Fact]
    public async Task Me_without_a_token_is_401()
    {
        using var response = await app.CreateClient().GetAsync(AuthRoutes.Me, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var (_, tokens) = await app.RegisterAndLoginAsync();
        var parts = tokens.AccessToken.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";

        using var request = new HttpRequestMessage(HttpMethod.Get, AuthRoutes.Me) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", forged) } };
        using var response = await app.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem()
    {
        var (me, _) = await app.RegisterAndLoginAsync();

        var error = await Assert.ThrowsAsync<ValidationApiException>(() => app.Auth().LoginAsync(new LoginRequest(me.Email, "Wrong-pass1"), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("Email or password is incorrect.", error.Content!.Title);
    }

    [Fact]
    public async Task An_unknown_email_is_the_same_401_as_a_wrong_password()
    {
        var error = await Assert.ThrowsAsync<ValidationApiException>(() =>
            app.Auth().LoginAsync(new LoginRequest(AuthClient.NewEmail("nobody"), AuthClient.Password), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("Email or password is incorrect.", error.Content!.Title);
    }

    [Fact]
    public async Task Refreshing_rotates_the_pair_and_the_old_refresh_token_stops_working()
    {
        var (_, first) = await app.RegisterAndLoginAsync();

        var second = await app.Auth().RefreshAsync(new RefreshRequest(first.RefreshToken), Ct);

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        await app.AuthAs(second.AccessToken).GetMeAsync(Ct);
        var reuse = await Assert.ThrowsAsync<ValidationApiException>(() => app.Auth().RefreshAsync(new RefreshRequest(first.RefreshToken), Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
    }

    [Fact]
    public async Task Reusing_a_spent_refresh_token_revokes_the_tokens_issued_after_it()
    {
        var (_, first) = await app.RegisterAndLoginAsync();
        var second = await app.Auth().RefreshAsync(new RefreshRequest(first.RefreshToken), Ct);

        await Assert.ThrowsAsync<ValidationApiException>(() => app.Auth().RefreshAsync(new RefreshRequest(first.RefreshToken), Ct));

        var stolen = await Assert.ThrowsAsync<ValidationApiException>(() => app.Auth().RefreshAsync(new RefreshRequest(second.RefreshToken), Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, stolen.StatusCode);
    }

    [Fact]
    public async Task Two_simultaneous_refreshes_with_one_token_yield_at_most_one_new_pair()
    {
        var (_, first) = await app.RegisterAndLoginAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try { return await app.Auth().RefreshAsync(new RefreshRequest(first.RefreshToken), Ct); }
            catch (ApiException e) when (e.StatusCode == HttpStatusCode.Unauthorized) { return null; }
        }));

        Assert.True(attempts.Count(a => a is not null) <= 1);
    }

    [Fact]
    public async Task A_garbage_refresh_token_is_401()
    {
        var error = await Assert.ThrowsAsync<ValidationApiException>(() => app.Auth().RefreshAsync(new RefreshRequest("not-a-token"), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var (me, _) = await app.RegisterAndLoginAsync();
        var auth = app.Auth();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await Assert.ThrowsAsync<ValidationApiException>(() => auth.LoginAsync(new LoginRequest(me.Email, "Wrong-pass1"), Ct));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var fifth = await Assert.ThrowsAsync<ValidationApiException>(() => auth.LoginAsync(new LoginRequest(me.Email, "Wrong-pass1"), Ct));
        var right = await Assert.ThrowsAsync<ValidationApiException>(() => auth.LoginAsync(new LoginRequest(me.Email, AuthClient.Password), Ct));

        Assert.Equal((HttpStatusCode)423, fifth.StatusCode);
        Assert.Equal((HttpStatusCode)423, right.StatusCode);
        Assert.Equal("Account locked.", right.Content!.Title);
    }

    [Fact]
    public async Task A_successful_login_resets_the_failure_count()
    {
        var (me, _) = await app.RegisterAndLoginAsync();
        var auth = app.Auth();
        for (var round = 0; round < 2; round++)
        {
            for (var attempt = 0; attempt < 4; attempt++)
                await Assert.ThrowsAsync<ValidationApiException>(() => auth.LoginAsync(new LoginRequest(me.Email, "Wrong-pass1"), Ct));
            await auth.LoginAsync(new LoginRequest(me.Email, AuthClient.Password), Ct);
        }
    }
}
