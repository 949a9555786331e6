using System.Net.Http.Json;
using System.Text.Json;

namespace Purl.Tests.Checkout;

/// <summary>The Pesapal emulator's control API (<c>/_emulator/pesapal</c>): what a test does in place of a buyer or an outage.</summary>
public sealed class EmulatorControl(HttpClient http)
{
    public const string Normal = "normal", Duplicate = "duplicate", Late = "late", Lost = "lost";

    public HttpClient Http => http;

    /// <summary>As if the buyer paid on the payment page; the emulator sends the IPN as the mode says.</summary>
    public async Task CompleteAsync(string trackingId, CancellationToken ct) =>
        (await http.PostAsJsonAsync($"/_emulator/pesapal/orders/{trackingId}/complete", new { method = "MpesaKE", phone = "+254712345678" }, ct)).EnsureSuccessStatusCode();

    public async Task FailAsync(string trackingId, CancellationToken ct) =>
        (await http.PostAsync($"/_emulator/pesapal/orders/{trackingId}/fail", null, ct)).EnsureSuccessStatusCode();

    public async Task SetIpnModeAsync(string trackingId, string mode, CancellationToken ct, int? lateDelayMs = null) =>
        (await http.PutAsJsonAsync($"/_emulator/pesapal/orders/{trackingId}/ipn-mode", new { mode, lateDelayMs }, ct)).EnsureSuccessStatusCode();

    public async Task SetGlobalIpnModeAsync(string mode, CancellationToken ct) =>
        (await http.PutAsJsonAsync("/_emulator/pesapal/ipn-mode", new { mode }, ct)).EnsureSuccessStatusCode();

    /// <summary>Every Pesapal call (or only <paramref name="operation"/>) answers <paramref name="statusCode"/> until cleared.</summary>
    public async Task FailCallsAsync(int statusCode, CancellationToken ct, string? operation = null) =>
        (await http.PostAsJsonAsync("/_emulator/pesapal/faults", new { statusCode, operation }, ct)).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync(CancellationToken ct) =>
        (await http.DeleteAsync("/_emulator/pesapal/faults", ct)).EnsureSuccessStatusCode();

    /// <summary>One order as the emulator keeps it (<c>state</c>, <c>merchantReference</c>, …).</summary>
    public async Task<JsonElement> OrderAsync(string trackingId, CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement>($"/_emulator/pesapal/orders/{trackingId}", ct);

    /// <summary>The newest orders (at most 1000).</summary>
    public async Task<JsonElement> OrdersAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement>("/_emulator/pesapal/orders?limit=1000", ct);

    public async Task<JsonElement> IpnDeliveriesAsync(string trackingId, CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement>($"/_emulator/pesapal/ipn-deliveries?orderTrackingId={trackingId}", ct);

    public async Task<JsonElement> SummaryAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement>("/_emulator/pesapal/summary", ct);
}
