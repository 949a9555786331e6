using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Api.Client.Auth;
using Purl.Core;
using Purl.Core.Data;
using Purl.Core.Identity;

namespace Purl.Api.Apis;

/// <summary>Registration, sign-in, token refresh and the current user, over ASP.NET Core Identity.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("").WithTags("Auth");
        auth.MapPost(AuthRoutes.Register, Register);
        auth.MapPost(AuthRoutes.Login, Login);
        auth.MapPost(AuthRoutes.Refresh, Refresh);
        auth.MapGet(AuthRoutes.Me, GetMe).RequireAuthorization();
        return app;
    }

    public static async Task<Results<Created<MeResponse>, ProblemHttpResult>> Register(
        RegisterRequest request, AccountRegistration registration, CancellationToken ct)
    {
        var outcome = await registration.RegisterAsync(
            new Registration(request.Email, request.Password, request.Role, request.StoreName, request.Phone), ct);
        return outcome.ToHttpResult(account => TypedResults.Created(AuthRoutes.Me, ToResponse(account)));
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        LoginRequest request, SignInService signIn, CancellationToken ct)
    {
        var outcome = await signIn.LoginAsync(request.Email, request.Password, ct);
        return outcome.ToHttpResult(signedIn => TypedResults.Ok(ToResponse(signedIn)));
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, SignInService signIn, CancellationToken ct)
    {
        var outcome = await signIn.RefreshAsync(request.RefreshToken, ct);
        return outcome.ToHttpResult(signedIn => TypedResults.Ok(ToResponse(signedIn)));
    }

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMe(
        ClaimsPrincipal user, PurlDbContext db, CancellationToken ct)
    {
        var account = await Account.LoadAsync(db, user.GetUserId(), ct);
        Outcome<Account> outcome = account is null ? Problem.Unauthorized("The account no longer exists.") : account;
        return outcome.ToHttpResult(found => TypedResults.Ok(ToResponse(found)));
    }

    private static MeResponse ToResponse(Account account) =>
        new(account.Id, account.Email ?? "", account.Phone, account.Roles, account.VendorId);

    private static TokenResponse ToResponse(SignedIn signedIn) =>
        new("Bearer", signedIn.Access.Token, signedIn.Access.ExpiresInSeconds, signedIn.Refresh.Token);
}
