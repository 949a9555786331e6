using System.Net;
using System.Text.Json;
using Refit;

namespace Purl.Web.Api;

/// <summary>
/// What went wrong with an API call, ready for a form: a message for the top of the form and, from a ProblemDetails
/// <c>errors: {field: [messages]}</c>, the messages of each field (looked up without regard to case, so the API's
/// <c>storeName</c> lands on the form's <c>StoreName</c>).
/// </summary>
public sealed record ApiProblem(string Message, IReadOnlyDictionary<string, string[]>? Errors = null, HttpStatusCode? Status = null)
{
    public static ApiProblem Unreachable { get; } = new("The Purl API cannot be reached right now. Try again in a moment.");

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; } =
        new Dictionary<string, string[]>(Errors ?? new Dictionary<string, string[]>(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The messages for <paramref name="field"/> (a property name, or a path such as <c>variants[0].stock</c>).</summary>
    public IReadOnlyList<string> For(string field) => FieldErrors.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>Messages of fields no form input shows: they go to the top of the form.</summary>
    public IEnumerable<string> Unclaimed(IEnumerable<string> shownFields)
    {
        var shown = new HashSet<string>(shownFields, StringComparer.OrdinalIgnoreCase);
        return FieldErrors.Where(e => !shown.Contains(e.Key)).SelectMany(e => e.Value);
    }

    public static ApiProblem From(ApiException e)
    {
        var fallback = e.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "Your session has ended. Sign in again.",
            HttpStatusCode.Forbidden => "This belongs to another store.",
            HttpStatusCode.NotFound => "It no longer exists.",
            HttpStatusCode.Conflict => "Someone changed this at the same time. Reload and try again.",
            HttpStatusCode.TooManyRequests => "Too many requests. Wait a moment and try again.",
            >= HttpStatusCode.InternalServerError => "The Purl API had a problem. Try again in a moment.",
            _ => "The request was not accepted.",
        };
        return Parse(e.Content, fallback, e.StatusCode);
    }

    /// <summary>Reads a ProblemDetails body; anything else gives <paramref name="fallback"/>.</summary>
    public static ApiProblem Parse(string? body, string fallback, HttpStatusCode? status = null)
    {
        if (string.IsNullOrWhiteSpace(body)) return new ApiProblem(fallback, null, status);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new ApiProblem(fallback, null, status);
            var title = Text(root, "title");
            var detail = Text(root, "detail");
            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).ToArray()
                        : field.Value.ValueKind == JsonValueKind.String ? [field.Value.GetString()!] : [];
                }
            }
            var message = detail is not null && title is not null && errors.Count == 0 ? $"{title} {detail}" : title ?? detail ?? fallback;
            return new ApiProblem(message, errors, status);
        }
        catch (JsonException)
        {
            return new ApiProblem(fallback, null, status);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
