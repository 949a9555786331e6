namespace Purl.Core;

/// <summary>Why a request could not be done, in the domain's words; Purl.Api turns each kind into one HTTP status.</summary>
public enum ProblemKind { Invalid, Unauthorized, Forbidden, NotFound, Conflict, Unprocessable, Locked, TooManyRequests, Unavailable }

public sealed record Problem(ProblemKind Kind, string Title, string? Detail = null)
{
    /// <summary>For <see cref="ProblemKind.Invalid"/>: messages per field, keyed by the camelCase name the client sent.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Extra members of the problem body (e.g. <c>lockedUntil</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>For 429 and 503: when to try again (sent as the <c>Retry-After</c> header and <c>retryAfter</c> seconds).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Problem Invalid(string field, string message) => new FieldErrors().Add(field, message).ToProblem();

    public static Problem Unauthorized(string title, string? detail = null) => new(ProblemKind.Unauthorized, title, detail);

    public static Problem TooManyRequests(string title, TimeSpan retryAfter, string? detail = null) =>
        new(ProblemKind.TooManyRequests, title, detail) { RetryAfter = retryAfter };

    public static Problem Unavailable(string title, TimeSpan retryAfter, string? detail = null) =>
        new(ProblemKind.Unavailable, title, detail) { RetryAfter = retryAfter };
}

/// <summary>Collects validation messages per field, then becomes one <see cref="ProblemKind.Invalid"/> problem.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
            _errors[field] = messages = [];
        if (!messages.Contains(message))
            messages.Add(message);
        return this;
    }

    public Problem ToProblem() => new(ProblemKind.Invalid, "One or more fields are invalid.")
    {
        Errors = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
    };
}

/// <summary>Either the result of an operation or the <see cref="Problem"/> that stopped it.</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, Problem? problem) => (Value, Problem) = (value, problem);

    public T? Value { get; }
    public Problem? Problem { get; }

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Problem problem) => new(default, problem);
}
