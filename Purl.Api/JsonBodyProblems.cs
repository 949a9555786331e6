using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Purl.Core;

namespace Purl.Api;

/// <summary>
/// A body that is not the JSON an endpoint expects (a price of "abc", a number where a list goes) answers 400 naming the
/// field, like every other validation error, rather than a bare "Bad Request".
/// </summary>
internal sealed class JsonBodyProblems : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException { InnerException: JsonException json })
            return false;
        var problem = json.Path is { Length: > 1 } path
            ? Problem.Invalid(FieldName(path), "Not a valid value here.")
            : Problem.Invalid("body", "The body is not valid JSON.");
        await problem.ToHttpResult().ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>"$.variants[0].price" → "variants[0].price" (the camelCase names the client sent).</summary>
    private static string FieldName(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
