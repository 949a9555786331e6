using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Purl.Core;

namespace Purl.Api;

/// <summary>The one place where domain outcomes become HTTP: each <see cref="ProblemKind"/> has one status.</summary>
public static class ProblemResults
{
    public static int StatusCode(ProblemKind kind) => kind switch
    {
        ProblemKind.Invalid => StatusCodes.Status400BadRequest,
        ProblemKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
        ProblemKind.NotFound => StatusCodes.Status404NotFound,
        ProblemKind.Conflict => StatusCodes.Status409Conflict,
        ProblemKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        // A locked account is not a rate limit (429 is kept for those): 423 Locked says the resource itself is shut.
        ProblemKind.Locked => StatusCodes.Status423Locked,
        ProblemKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ProblemKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ProblemHttpResult ToHttpResult(this Problem problem)
    {
        ProblemDetails details = problem.Errors is { } errors
            ? new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
            : new ProblemDetails();
        details.Status = StatusCode(problem.Kind);
        details.Title = problem.Title;
        details.Detail = problem.Detail;
        foreach (var (key, value) in problem.Extensions ?? new Dictionary<string, object?>())
            details.Extensions[key] = value;
        if (problem.RetryAfter is { } retryAfter)
            details.Extensions[RetryAfterExtension] = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        return TypedResults.Problem(details);
    }

    private const string RetryAfterExtension = "retryAfter";

    /// <summary>Copies a problem's <c>retryAfter</c> into the Retry-After header, whatever wrote the problem.</summary>
    public static void AddRetryAfterHeader(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Extensions.TryGetValue(RetryAfterExtension, out var seconds) && seconds is not null)
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString();
    }

    /// <summary>The success result built by <paramref name="ok"/>, or the problem as ProblemDetails.</summary>
    public static Results<TOk, ProblemHttpResult> ToHttpResult<T, TOk>(this Outcome<T> outcome, Func<T, TOk> ok)
        where TOk : IResult =>
        outcome.Problem is { } problem ? problem.ToHttpResult() : ok(outcome.Value!);
}
