using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Emulators.Fcm;

namespace Purl.Emulators.Apis;

/// <summary>FCM HTTP v1's one call, POST /v1/projects/{project}/messages:send.</summary>
public static class FcmApi
{
    private const string ValidateOnlyName = "fake_message_id";

    public static IEndpointRouteBuilder MapFcmApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(FcmRoutes.Send, Send).WithName("FcmSend").WithTags("FCM");
        return app;
    }

    /// <summary>
    /// Checks in the order FCM answers: credentials, availability, the message itself, the quota, then the device
    /// token. Only a message that passes them all is recorded as delivered, with the time it arrived.
    /// </summary>
    public static async Task<Results<Ok<FcmSendResponse>, JsonHttpResult<FcmErrorResponse>>> Send(
        string project, HttpRequest request, FcmControls controls, FcmRecorder recorder, TimeProvider clock, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow().UtcDateTime;
        var settings = controls.Settings;

        var bearer = Bearer(request.Headers.Authorization);
        if (bearer is null) return Rejected(recorder, "UNAUTHENTICATED", FcmErrors.Unauthenticated());
        if (settings.RevokedBearerToken.Length > 0 && bearer == settings.RevokedBearerToken)
            return Rejected(recorder, "THIRD_PARTY_AUTH_ERROR", FcmErrors.ThirdPartyAuthError());
        if (controls.AnswersUnavailable())
        {
            request.HttpContext.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Rejected(recorder, "UNAVAILABLE", FcmErrors.Unavailable());
        }

        FcmRequest send;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var (parsed, error) = FcmMessageReader.Read(document.RootElement);
            if (error is not null) return Rejected(recorder, "INVALID_ARGUMENT", FcmErrors.InvalidArgument(error));
            send = parsed!;
        }
        catch (JsonException e)
        {
            return Rejected(recorder, "INVALID_ARGUMENT", FcmErrors.InvalidArgument($"Invalid JSON payload received. {e.Message}"));
        }

        if (send.ValidateOnly)
        {
            recorder.CountValidatedOnly();
            return TypedResults.Ok(new FcmSendResponse($"projects/{project}/messages/{ValidateOnlyName}"));
        }

        if (controls.TakeQuota() is { } refill)
        {
            request.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(refill.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Rejected(recorder, "QUOTA_EXCEEDED", FcmErrors.QuotaExceeded());
        }

        if (send.Message.Token is { } token)
        {
            switch (controls.StateOf(token))
            {
                case FcmTokenState.Dead: return Rejected(recorder, "UNREGISTERED", FcmErrors.Unregistered());
                case FcmTokenState.Mismatched: return Rejected(recorder, "SENDER_ID_MISMATCH", FcmErrors.SenderIdMismatch());
            }
        }

        var delivery = recorder.Record(project, send.Message, receivedAt);
        return TypedResults.Ok(new FcmSendResponse(delivery.Name));
    }

    private static string? Bearer(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var token = authorization[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private static JsonHttpResult<FcmErrorResponse> Rejected(FcmRecorder recorder, string errorCode, JsonHttpResult<FcmErrorResponse> result)
    {
        recorder.CountRejected(errorCode);
        return result;
    }
}
