using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Api.Client.Analytics;
using Purl.Core;
using Purl.Core.Analytics;
using Purl.Core.Data;
using Purl.Core.Identity;

namespace Purl.Api.Apis;

/// <summary>The vendor dashboard's figures, from daily rollups.</summary>
public static class AnalyticsApi
{
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(AnalyticsRoutes.Overview, GetOverview).WithTags("Analytics").RequireAuthorization(PurlPolicies.Vendor);
        return app;
    }

    public static async Task<Results<Ok<OverviewResponse>, ProblemHttpResult>> GetOverview(
        string? range, ClaimsPrincipal user, PurlDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!VendorOverviews.TryParseRange(range, out _))
            return Problem.Invalid("range", $"Range must be one of {string.Join(", ", AnalyticsRoutes.Ranges)}.").ToHttpResult();
        var overview = await VendorOverviews.LoadAsync(db, user.GetVendorId()!.Value, range ?? "today", clock.GetUtcNow(), ct);
        return TypedResults.Ok(overview);
    }
}
