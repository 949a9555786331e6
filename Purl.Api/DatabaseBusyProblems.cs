using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Purl.Core;

namespace Purl.Api;

/// <summary>
/// No database connection to be had in time (the pool exhausted in a surge, or Postgres not answering): 503 with
/// Retry-After, so clients back off and try again, instead of a 500 that reads like a bug. Nothing was committed.
/// </summary>
internal sealed class DatabaseBusyProblems(ILogger<DatabaseBusyProblems> logger) : IExceptionHandler
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // EF Core wraps what Npgsql throws (InvalidOperationException, DbUpdateException), so look down the chain.
        var busy = exception;
        while (busy is not null and not NpgsqlException { IsTransient: true }) busy = busy.InnerException;
        if (busy is null)
            return false;
        logger.LogWarning("Answered 503: no database connection in time ({Error})", busy.Message);
        await Problem.Unavailable("The service is busy.", RetryAfter, "Try again in a moment.").ToHttpResult().ExecuteAsync(httpContext);
        return true;
    }
}
