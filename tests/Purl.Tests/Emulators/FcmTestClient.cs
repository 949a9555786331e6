using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Purl.Emulators.Fcm;

namespace Purl.Tests.Emulators;

public sealed record FcmAnswer(HttpStatusCode HttpStatus, JsonElement Json, TimeSpan? RetryAfter)
{
    public string? ErrorCode => Json.TryGetProperty("error", out var error) && error.TryGetProperty("details", out var details)
        ? details.EnumerateArray().Select(d => d.GetProperty("errorCode").GetString()).Single() : null;

    public string? Status => Json.TryGetProperty("error", out var error) ? error.GetProperty("status").GetString() : null;
}

/// <summary>Sends to the FCM emulator as a push client does, one request per message.</summary>
public sealed class FcmTestClient(HttpClient http)
{
    public const string Project = "purl-test";
    public const string Bearer = "ya29.test-access-token";

    public HttpClient Http => http;

    public static string NewToken() => "device-" + Guid.NewGuid().ToString("N") + ":APA91b" + Guid.NewGuid().ToString("N");

    public static JsonObject ToToken(string token, JsonObject? data = null) => new()
    {
        ["message"] = new JsonObject
        {
            ["token"] = token,
            ["notification"] = new JsonObject { ["title"] = "Mama Mboga posted", ["body"] = "Fresh sukuma wiki today" },
            ["data"] = data ?? new JsonObject { ["postId"] = Guid.NewGuid().ToString() },
        },
    };

    public async Task<FcmAnswer> SendAsync(JsonNode body, CancellationToken ct, string? bearer = Bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FcmRoutes.SendPath(Project)) { Content = JsonContent.Create(body) };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request, ct);
        return new FcmAnswer(response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(ct), response.Headers.RetryAfter?.Delta);
    }

    public async Task<JsonElement> GetAsync(string path, CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement>(path, ct);
}
