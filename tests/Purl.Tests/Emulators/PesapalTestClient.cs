using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Purl.Emulators.Pesapal;

namespace Purl.Tests.Emulators;

/// <summary>An answer as it came over the wire: the HTTP status and the raw JSON, so tests see the exact key names.</summary>
public sealed record PesapalAnswer(HttpStatusCode HttpStatus, JsonElement Json)
{
    public string? Text(string name) => Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string? ErrorCode => Json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
        ? error.GetProperty("code").GetString() : null;
}

/// <summary>
/// Talks to the Pesapal emulator the way a merchant does: snake_case bodies written by hand (so casing is tested,
/// not assumed), a bearer token on every call but the first.
/// </summary>
public sealed class PesapalTestClient(HttpClient http)
{
    /// <summary>An IPN URL nothing listens on (the discard port): for tests that do not look at the IPN.</summary>
    public const string NowhereIpnUrl = "http://127.0.0.1:9/ipn";

    private string? _token;

    public HttpClient Http => http;

    public async Task<PesapalAnswer> RequestTokenAsync(string key, string secret, CancellationToken ct) =>
        await PostAsync(PesapalRoutes.RequestToken, new JsonObject { ["consumer_key"] = key, ["consumer_secret"] = secret }, token: null, ct);

    public async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_token is not null) return _token;
        var answer = await RequestTokenAsync(EmulatorApp.ConsumerKey, EmulatorApp.ConsumerSecret, ct);
        Assert.Equal(HttpStatusCode.OK, answer.HttpStatus);
        return _token = answer.Text("token")!;
    }

    public async Task<PesapalAnswer> PostAsync(string route, JsonObject body, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, PesapalRoutes.Api + route) { Content = JsonContent.Create(body) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SendAsync(request, ct);
    }

    public async Task<PesapalAnswer> PostAsync(string route, JsonObject body, CancellationToken ct) =>
        await PostAsync(route, body, await TokenAsync(ct), ct);

    public async Task<PesapalAnswer> GetAsync(string routeAndQuery, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PesapalRoutes.Api + routeAndQuery);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SendAsync(request, ct);
    }

    public async Task<Guid> RegisterIpnAsync(string url, string type, CancellationToken ct)
    {
        var answer = await PostAsync(PesapalRoutes.RegisterIpn, new JsonObject { ["url"] = url, ["ipn_notification_type"] = type }, ct);
        Assert.Equal(HttpStatusCode.OK, answer.HttpStatus);
        return Guid.Parse(answer.Text("ipn_id")!);
    }

    public static JsonObject Order(Guid ipnId, string? reference = null, decimal amount = 1500m, string description = "Two kikoys",
        string currency = "KES", string phone = "+254712345678") => new()
    {
        ["id"] = reference ?? NewReference(),
        ["currency"] = currency,
        ["amount"] = amount,
        ["description"] = description,
        ["callback_url"] = "https://shop.example/checkout/done?cart=42",
        ["cancellation_url"] = "https://shop.example/checkout/cancelled",
        ["notification_id"] = ipnId.ToString(),
        ["billing_address"] = new JsonObject
        {
            ["email_address"] = "wanjiku@example.com",
            ["phone_number"] = phone,
            ["country_code"] = "KE",
            ["first_name"] = "Wanjiku",
            ["last_name"] = "Kamau",
        },
    };

    public static string NewReference() => "purl-" + Guid.NewGuid().ToString("N");

    public async Task<PesapalAnswer> SubmitAsync(JsonObject order, CancellationToken ct) => await PostAsync(PesapalRoutes.SubmitOrderRequest, order, ct);

    /// <summary>Submits an order that must be accepted, and gives its tracking id.</summary>
    public async Task<Guid> SubmitOrderAsync(Guid ipnId, CancellationToken ct, decimal amount = 1500m)
    {
        var answer = await SubmitAsync(Order(ipnId, amount: amount), ct);
        Assert.Equal(HttpStatusCode.OK, answer.HttpStatus);
        return Guid.Parse(answer.Text("order_tracking_id")!);
    }

    public async Task<PesapalAnswer> StatusAsync(Guid trackingId, CancellationToken ct) =>
        await GetAsync($"{PesapalRoutes.GetTransactionStatus}?orderTrackingId={trackingId}", await TokenAsync(ct), ct);

    /// <summary>Clicks "Pay" or "Fail" on the payment page: posts its form, as a browser does.</summary>
    public async Task<HttpResponseMessage> SubmitPaymentPageAsync(Guid trackingId, string outcome, CancellationToken ct, string method = PaymentMethods.Mpesa)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["outcome"] = outcome, ["method"] = method, ["phone"] = "" });
        return await http.PostAsync(PesapalRoutes.PaymentPagePath(trackingId), form, ct);
    }

    private async Task<PesapalAnswer> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return new PesapalAnswer(response.StatusCode, json);
    }
}
