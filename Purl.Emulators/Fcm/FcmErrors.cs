using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Purl.Emulators.Fcm;

public sealed record FcmSendResponse(string Name);

public sealed record FcmErrorDetail([property: JsonPropertyName("@type")] string Type, string ErrorCode);

public sealed record FcmErrorStatus(
    int Code,
    string Message,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FcmErrorDetail>? Details);

public sealed record FcmErrorResponse(FcmErrorStatus Error);

/// <summary>FCM's errors, in Google's shape: <c>{"error": {code, message, status, details: [FcmError {errorCode}]}}</c>.</summary>
public static class FcmErrors
{
    public const string FcmErrorType = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

    public static JsonHttpResult<FcmErrorResponse> InvalidArgument(string message) =>
        Create(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", "INVALID_ARGUMENT", message);

    /// <summary>No bearer at all: Google answers without an FcmError detail.</summary>
    public static JsonHttpResult<FcmErrorResponse> Unauthenticated() =>
        TypedResults.Json(new FcmErrorResponse(new FcmErrorStatus(StatusCodes.Status401Unauthorized,
            "Request is missing required authentication credential. Expected OAuth 2 access token.", "UNAUTHENTICATED", null)),
            statusCode: StatusCodes.Status401Unauthorized);

    public static JsonHttpResult<FcmErrorResponse> ThirdPartyAuthError() =>
        Create(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR",
            "Request had invalid authentication credentials. Expected OAuth 2 access token.");

    public static JsonHttpResult<FcmErrorResponse> SenderIdMismatch() =>
        Create(StatusCodes.Status403Forbidden, "PERMISSION_DENIED", "SENDER_ID_MISMATCH", "SenderId mismatch");

    public static JsonHttpResult<FcmErrorResponse> Unregistered() =>
        Create(StatusCodes.Status404NotFound, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.");

    public static JsonHttpResult<FcmErrorResponse> QuotaExceeded() =>
        Create(StatusCodes.Status429TooManyRequests, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED",
            "Quota exceeded for quota metric 'Send messages' per minute for the project.");

    public static JsonHttpResult<FcmErrorResponse> Unavailable() =>
        Create(StatusCodes.Status503ServiceUnavailable, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.");

    private static JsonHttpResult<FcmErrorResponse> Create(int code, string status, string errorCode, string message) =>
        TypedResults.Json(new FcmErrorResponse(new FcmErrorStatus(code, message, status, [new FcmErrorDetail(FcmErrorType, errorCode)])), statusCode: code);
}
