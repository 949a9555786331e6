using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Api.Client.Orders;
using Purl.Core.Payments;

namespace Purl.Api.Apis;

/// <summary>
/// What Pesapal calls: the IPN (GET with query parameters or POST with a JSON body, as registered), answered at once in
/// Pesapal's own format once the notification is recorded; and the callback, where the buyer's browser lands after paying.
/// </summary>
public static class PesapalApi
{
    public static IEndpointRouteBuilder MapPesapalApi(this IEndpointRouteBuilder app)
    {
        var pesapal = app.MapGroup("").WithTags("Pesapal").AllowAnonymous();
        pesapal.MapMethods(OrderRoutes.PesapalIpn, [HttpMethods.Get, HttpMethods.Post], Ipn);
        pesapal.MapGet(OrderRoutes.PesapalCallback, Callback);
        return app;
    }

    /// <summary>Pesapal's expected reply: camelCase, <c>status</c> a number (200 recorded, 500 not).</summary>
    public sealed record IpnReply(string OrderNotificationType, string OrderTrackingId, string OrderMerchantReference, int Status);

    public static async Task<JsonHttpResult<IpnReply>> Ipn(HttpRequest request, IpnRecorder recorder, CancellationToken ct)
    {
        var keys = await ReadKeysAsync(request, ct);
        var trackingId = keys.GetValueOrDefault("OrderTrackingId");
        var reference = keys.GetValueOrDefault("OrderMerchantReference");
        var type = keys.GetValueOrDefault("OrderNotificationType") ?? "IPNCHANGE";
        var recorded = await recorder.RecordAsync(trackingId, reference, type, ct);
        var ok = recorded.Problem is null;
        return TypedResults.Json(new IpnReply(type, trackingId ?? "", reference ?? "", ok ? 200 : 500),
            statusCode: ok ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>The buyer's browser, back from Pesapal's page: a small page that says what happens next.</summary>
    public static ContentHttpResult Callback(string? orderTrackingId, string? orderMerchantReference)
    {
        var reference = WebUtility.HtmlEncode(orderMerchantReference ?? "");
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Purl · payment received</title>
            <style>body{"{"}font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#111827{"}"}</style></head>
            <body><h1>Thank you</h1>
            <p id="message">Your payment <span id="reference">{reference}</span> is being confirmed with Pesapal. The order in the Purl app
            shows <strong>paid</strong> as soon as it is; you can close this page.</p></body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>The notification's keys from the query string, a JSON body or a form, whatever the method; names case-insensitive.</summary>
    private static async Task<Dictionary<string, string?>> ReadKeysAsync(HttpRequest request, CancellationToken ct)
    {
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in request.Query) keys[key] = value.ToString();
        if (!HttpMethods.IsPost(request.Method)) return keys;
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync(ct)) keys[key] = value.ToString();
            return keys;
        }
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            if (body.RootElement.ValueKind == JsonValueKind.Object)
                foreach (var property in body.RootElement.EnumerateObject())
                    keys[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
        }
        catch (JsonException)
        {
            // Not JSON: the query string is all there is.
        }
        return keys;
    }
}
