using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Emulators.Fcm;
using Purl.Emulators.Pesapal;

namespace Purl.Emulators.Apis;

/// <summary>What is served where (at /), and one reset for both emulators.</summary>
public static class ControlApi
{
    public sealed record Index(string Pesapal, string PaymentPage, string Fcm, string Control);

    public static IEndpointRouteBuilder MapControlApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetIndex).ExcludeFromDescription();
        app.MapPost("/_emulator/reset", ResetAll).WithTags("Emulator control");
        return app;
    }

    public static Ok<Index> GetIndex() =>
        TypedResults.Ok(new Index(PesapalRoutes.Api, PesapalRoutes.Base + PesapalRoutes.PaymentPage + "/{orderTrackingId}", FcmRoutes.Send, "/_emulator"));

    /// <summary>Both emulators' resets; everything=true also forgets Pesapal tokens and IPN registrations.</summary>
    public static NoContent ResetAll(PesapalReset pesapal, FcmRecorder recorder, FcmControls controls, bool? everything)
    {
        pesapal.Run(everything == true);
        recorder.Clear();
        controls.Reset();
        return TypedResults.NoContent();
    }
}
