using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Purl.Emulators.Fcm;

namespace Purl.Emulators.Apis;

/// <summary>
/// The FCM side of the control API, /_emulator/fcm (camelCase JSON): query and count delivered messages, mark
/// tokens dead or foreign, set the quota, the share of 503s and the revoked bearer, reset.
/// </summary>
public static class FcmControlApi
{
    public sealed record MessagesPage(int Count, IReadOnlyList<FcmDelivery> Items);

    public sealed record Counts(long Total, IReadOnlyDictionary<string, long> Tokens);

    public sealed record TokensRequest(string[]? Tokens);

    public sealed record QuotaRequest(int? PerMinute, int? WindowMs);

    public sealed record UnavailableRequest(double? Fraction, int? RetryAfterSeconds);

    public sealed record RevokedBearerRequest(string? Token);

    public static IEndpointRouteBuilder MapFcmControlApi(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_emulator/fcm").WithTags("Emulator control: FCM");
        control.MapGet("/summary", GetSummary);
        control.MapGet("/messages", ListMessages);
        control.MapGet("/counts", GetCounts);
        control.MapGet("/tokens", ListMarkedTokens);
        control.MapPost("/tokens/{state}", MarkTokens);
        control.MapGet("/settings", GetSettings);
        control.MapPut("/quota", SetQuota);
        control.MapPut("/unavailable", SetUnavailable);
        control.MapPut("/revoked-bearer", SetRevokedBearer);
        control.MapPost("/reset", Reset);
        return app;
    }

    public static Ok<FcmSummary> GetSummary(FcmRecorder recorder) => TypedResults.Ok(recorder.Summary());

    /// <summary>Messages to one token (or all), received at or after <paramref name="since"/>; count is before the limit.</summary>
    public static Ok<MessagesPage> ListMessages(FcmRecorder recorder, string? token, DateTime? since, int? limit)
    {
        var (count, items) = recorder.Query(token, since?.ToUniversalTime(), Math.Clamp(limit ?? 1000, 1, 100_000));
        return TypedResults.Ok(new MessagesPage(count, items));
    }

    /// <summary>Delivered messages per token: the tokens asked for (?token=a&amp;token=b), or every target.</summary>
    public static Ok<Counts> GetCounts(FcmRecorder recorder, [FromQuery(Name = "token")] string[]? tokens) =>
        TypedResults.Ok(new Counts(recorder.Delivered,
            tokens is { Length: > 0 } ? tokens.Distinct().ToDictionary(t => t, recorder.CountFor) : recorder.CountsByTarget()));

    public static Ok<IReadOnlyDictionary<string, FcmTokenState>> ListMarkedTokens(FcmControls controls) => TypedResults.Ok(controls.MarkedTokens());

    /// <summary>POST /tokens/dead (UNREGISTERED from now on), /tokens/mismatched (SENDER_ID_MISMATCH) or /tokens/valid (back to normal).</summary>
    public static Results<NoContent, ValidationProblem> MarkTokens(string state, TokensRequest body, FcmControls controls)
    {
        if (!Enum.TryParse<FcmTokenState>(state, ignoreCase: true, out var tokenState) || !Enum.IsDefined(tokenState))
            return Invalid("state", "state must be dead, mismatched or valid.");
        if (body.Tokens is not { Length: > 0 } tokens || tokens.Any(string.IsNullOrEmpty))
            return Invalid("tokens", "tokens must be a non-empty list of tokens.");
        controls.Mark(tokens, tokenState);
        return TypedResults.NoContent();
    }

    public static Ok<FcmSettings> GetSettings(FcmControls controls) => TypedResults.Ok(controls.Settings);

    /// <summary>perMinute 0 turns the quota off; windowMs shortens the minute for tests.</summary>
    public static Results<Ok<FcmSettings>, ValidationProblem> SetQuota(QuotaRequest body, FcmControls controls)
    {
        if (body.PerMinute is not >= 0) return Invalid("perMinute", "perMinute must be 0 (no quota) or more.");
        if (body.WindowMs is <= 0) return Invalid("windowMs", "windowMs must be positive.");
        var current = controls.Settings;
        controls.Settings = current with
        {
            QuotaPerMinute = body.PerMinute.Value,
            QuotaWindow = body.WindowMs is { } ms ? TimeSpan.FromMilliseconds(ms) : current.QuotaWindow,
        };
        return TypedResults.Ok(controls.Settings);
    }

    public static Results<Ok<FcmSettings>, ValidationProblem> SetUnavailable(UnavailableRequest body, FcmControls controls)
    {
        if (body.Fraction is not (>= 0 and <= 1)) return Invalid("fraction", "fraction must be between 0 and 1.");
        if (body.RetryAfterSeconds is < 0) return Invalid("retryAfterSeconds", "retryAfterSeconds cannot be negative.");
        var current = controls.Settings;
        controls.Settings = current with { UnavailableFraction = body.Fraction.Value, RetryAfterSeconds = body.RetryAfterSeconds ?? current.RetryAfterSeconds };
        return TypedResults.Ok(controls.Settings);
    }

    /// <summary>The bearer answered 401 THIRD_PARTY_AUTH_ERROR; null or "" for none.</summary>
    public static Ok<FcmSettings> SetRevokedBearer(RevokedBearerRequest body, FcmControls controls)
    {
        controls.Settings = controls.Settings with { RevokedBearerToken = body.Token ?? "" };
        return TypedResults.Ok(controls.Settings);
    }

    /// <summary>Forgets messages and counts, revives every token, and puts the settings back to configuration.</summary>
    public static NoContent Reset(FcmRecorder recorder, FcmControls controls)
    {
        recorder.Clear();
        controls.Reset();
        return TypedResults.NoContent();
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
