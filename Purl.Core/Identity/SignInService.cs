using Microsoft.AspNetCore.Identity;
using Purl.Core.Data;

namespace Purl.Core.Identity;

public sealed record SignedIn(AccessToken Access, RefreshTokenStore.Issued Refresh);

/// <summary>Password sign-in (with lockout) and refresh-token sign-in; both end in a fresh token pair.</summary>
public sealed class SignInService(
    PurlDbContext db, UserManager<PurlUser> users, TokenService tokens, RefreshTokenStore refreshTokens, TimeProvider time)
{
    private static readonly Problem BadCredentials = Problem.Unauthorized("Email or password is incorrect.");

    public async Task<Outcome<SignedIn>> LoginAsync(string? email, string? password, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(email))
            errors.Add("email", "Email is required.");
        if (string.IsNullOrEmpty(password))
            errors.Add("password", "Password is required.");
        if (errors.Any)
            return errors.ToProblem();

        var user = await users.FindByEmailAsync(email!.Trim());
        if (user is null)
            return BadCredentials;
        // Checked before the password, so a locked account cannot be used to keep guessing.
        if (await users.IsLockedOutAsync(user))
            return Locked(user);
        if (!await users.CheckPasswordAsync(user, password!))
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user) ? Locked(user) : BadCredentials;
        }
        if (user.AccessFailedCount > 0)
            await users.ResetAccessFailedCountAsync(user);

        var account = await Account.LoadAsync(db, user.Id, ct);
        return account is null ? BadCredentials : new SignedIn(tokens.CreateAccessToken(account), await refreshTokens.IssueAsync(user.Id, ct));
    }

    public async Task<Outcome<SignedIn>> RefreshAsync(string? refreshToken, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(refreshToken))
            return Problem.Invalid("refreshToken", "Refresh token is required.");
        var rotated = await refreshTokens.RotateAsync(refreshToken.Trim(), ct);
        if (rotated is null)
            return Problem.Unauthorized("The refresh token is not valid.", "It is unknown, expired, revoked or was already used. Sign in again.");
        var account = await Account.LoadAsync(db, rotated.UserId, ct);
        if (account is null)
            return Problem.Unauthorized("The account no longer exists.");
        return new SignedIn(tokens.CreateAccessToken(account), rotated.Next);
    }

    private Problem Locked(PurlUser user)
    {
        var until = user.LockoutEnd ?? time.GetUtcNow();
        var minutes = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalMinutes));
        return new Problem(ProblemKind.Locked, "Account locked.",
            $"Too many failed sign-in attempts. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.")
        {
            Extensions = new Dictionary<string, object?> { ["lockedUntil"] = until.UtcDateTime },
        };
    }
}
