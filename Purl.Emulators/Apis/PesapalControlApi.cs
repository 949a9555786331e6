using Microsoft.AspNetCore.Http.HttpResults;
using Purl.Emulators.Pesapal;

namespace Purl.Emulators.Apis;

/// <summary>
/// The Pesapal side of the control API, /_emulator/pesapal (camelCase JSON): look at orders, IPN deliveries and
/// tokens; settle orders without the page; choose the IPN mode; open a fault window; reset.
/// </summary>
public static class PesapalControlApi
{
    public sealed record OrderView(
        Guid OrderTrackingId, string MerchantReference, decimal Amount, string Currency, string Description, string CallbackUrl,
        Guid NotificationId, OrderState State, int StatusCode, string? PaymentMethod, string? PaymentAccount, string? ConfirmationCode,
        DateTime CreatedAt, DateTime? SettledAt, RefundRecord? Refund, IpnModeSetting IpnMode);

    public sealed record SettleRequest(string? Method, string? Phone);

    public sealed record IpnModeRequest(IpnMode? Mode, int? LateDelayMs);

    public sealed record FaultRequest(int? DelayMs, int? StatusCode, int? Calls, int? DurationMs, string? Operation);

    public sealed record Summary(IReadOnlyDictionary<OrderState, int> Orders, IReadOnlyDictionary<IpnOutcome, long> IpnDeliveries,
        int Tokens, int IpnRegistrations, IpnModeSetting IpnMode, PesapalFaultView? Fault);

    public static IEndpointRouteBuilder MapPesapalControlApi(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_emulator/pesapal").WithTags("Emulator control: Pesapal");
        control.MapGet("/summary", GetSummary);
        control.MapGet("/orders", ListOrders);
        control.MapGet("/orders/{orderTrackingId:guid}", GetOrder);
        control.MapPost("/orders/{orderTrackingId:guid}/complete", CompleteOrder);
        control.MapPost("/orders/{orderTrackingId:guid}/fail", FailOrder);
        control.MapPut("/orders/{orderTrackingId:guid}/ipn-mode", SetOrderIpnMode);
        control.MapGet("/ipn-mode", GetGlobalIpnMode);
        control.MapPut("/ipn-mode", SetGlobalIpnMode);
        control.MapGet("/ipn-deliveries", ListIpnDeliveries);
        control.MapGet("/ipns", ListIpns);
        control.MapGet("/tokens", ListTokens);
        control.MapGet("/faults", GetFault);
        control.MapPost("/faults", SetFault);
        control.MapDelete("/faults", ClearFault);
        control.MapPost("/reset", Reset);
        return app;
    }

    public static Ok<Summary> GetSummary(PesapalOrders orders, IpnDeliveries deliveries, PesapalTokens tokens, IpnRegistry ipns, IpnModes modes, PesapalFaults faults)
    {
        var byState = Enum.GetValues<OrderState>().ToDictionary(s => s, _ => 0);
        foreach (var order in orders.All) byState[order.Snapshot().State]++;
        return TypedResults.Ok(new Summary(byState, deliveries.CountsByOutcome(), tokens.List().Count, ipns.List().Count, modes.Global, faults.Current()));
    }

    public static Ok<OrderView[]> ListOrders(PesapalOrders orders, IpnModes modes, OrderState? state, int? limit) =>
        TypedResults.Ok(orders.All.Select(o => o.Snapshot()).Where(o => state is null || o.State == state)
            .OrderByDescending(o => o.CreatedDate).Take(Math.Clamp(limit ?? 100, 1, 10_000)).Select(o => View(o, modes)).ToArray());

    public static Results<Ok<OrderView>, NotFound> GetOrder(Guid orderTrackingId, PesapalOrders orders, IpnModes modes) =>
        orders.Find(orderTrackingId) is { } order ? TypedResults.Ok(View(order.Snapshot(), modes)) : TypedResults.NotFound();

    public static Results<Ok<OrderView>, NotFound, Conflict<OrderView>> CompleteOrder(Guid orderTrackingId, SettleRequest? body, PesapalPayments payments, IpnModes modes) =>
        Settle(orderTrackingId, paid: true, body, payments, modes);

    public static Results<Ok<OrderView>, NotFound, Conflict<OrderView>> FailOrder(Guid orderTrackingId, SettleRequest? body, PesapalPayments payments, IpnModes modes) =>
        Settle(orderTrackingId, paid: false, body, payments, modes);

    public static Results<Ok<IpnModeSetting>, ValidationProblem, NotFound> SetOrderIpnMode(Guid orderTrackingId, IpnModeRequest body, PesapalOrders orders, IpnModes modes)
    {
        if (orders.Find(orderTrackingId) is null) return TypedResults.NotFound();
        if (ToSetting(body) is not { } setting) return InvalidMode();
        modes.SetForOrder(orderTrackingId, setting);
        return TypedResults.Ok(setting);
    }

    public static Ok<IpnModeSetting> GetGlobalIpnMode(IpnModes modes) => TypedResults.Ok(modes.Global);

    public static Results<Ok<IpnModeSetting>, ValidationProblem> SetGlobalIpnMode(IpnModeRequest body, IpnModes modes)
    {
        if (ToSetting(body) is not { } setting) return InvalidMode();
        modes.Global = setting;
        return TypedResults.Ok(setting);
    }

    public static Ok<IpnDelivery[]> ListIpnDeliveries(IpnDeliveries deliveries, Guid? orderTrackingId, int? limit) =>
        TypedResults.Ok(deliveries.List(orderTrackingId, Math.Clamp(limit ?? 1000, 1, 100_000)).ToArray());

    public static Ok<IReadOnlyList<IpnRegistration>> ListIpns(IpnRegistry ipns) => TypedResults.Ok(ipns.List());

    public static Ok<IReadOnlyList<IssuedToken>> ListTokens(PesapalTokens tokens) => TypedResults.Ok(tokens.List());

    public static Results<Ok<PesapalFaultView>, NoContent> GetFault(PesapalFaults faults) =>
        faults.Current() is { } fault ? TypedResults.Ok(fault) : TypedResults.NoContent();

    public static Results<Ok<PesapalFaultView>, ValidationProblem> SetFault(FaultRequest body, PesapalFaults faults, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.DelayMs is < 0) errors["delayMs"] = ["delayMs cannot be negative."];
        if (body.StatusCode is { } status && status is < 500 or > 599) errors["statusCode"] = ["statusCode must be a 5xx status."];
        if (body.DelayMs is null or 0 && body.StatusCode is null) errors["delayMs"] = ["Give delayMs, statusCode or both."];
        if (body.Calls is <= 0) errors["calls"] = ["calls must be positive."];
        if (body.DurationMs is <= 0) errors["durationMs"] = ["durationMs must be positive."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        DateTime? until = body.DurationMs is { } ms ? clock.GetUtcNow().UtcDateTime.AddMilliseconds(ms) : null;
        faults.Set(new PesapalFault(body.DelayMs ?? 0, body.StatusCode, body.Calls, until, body.Operation));
        return TypedResults.Ok(faults.Current()!);
    }

    public static NoContent ClearFault(PesapalFaults faults)
    {
        faults.Clear();
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Forgets orders, IPN deliveries, pending IPNs, modes and faults. Tokens and IPN registrations survive unless
    /// everything=true: a running Purl.Api registered its IPN URL once and caches its token.
    /// </summary>
    public static NoContent Reset(PesapalReset reset, bool? everything)
    {
        reset.Run(everything == true);
        return TypedResults.NoContent();
    }

    private static Results<Ok<OrderView>, NotFound, Conflict<OrderView>> Settle(Guid orderTrackingId, bool paid, SettleRequest? body, PesapalPayments payments, IpnModes modes)
    {
        var (result, order) = payments.Settle(orderTrackingId, paid, body?.Method, body?.Phone);
        return result switch
        {
            SettleResult.NotFound => TypedResults.NotFound(),
            SettleResult.NotPending => TypedResults.Conflict(View(order!.Snapshot(), modes)),
            _ => TypedResults.Ok(View(order!.Snapshot(), modes)),
        };
    }

    private static IpnModeSetting? ToSetting(IpnModeRequest body) =>
        body.Mode is not { } mode || body.LateDelayMs is < 0 ? null
            : new IpnModeSetting(mode, body.LateDelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);

    private static ValidationProblem InvalidMode() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["mode"] = ["mode must be normal, duplicate, late or lost; lateDelayMs, when given, at least 0."],
        });

    private static OrderView View(OrderSnapshot o, IpnModes modes) =>
        new(o.TrackingId, o.MerchantReference, o.Amount, o.Currency, o.Description, o.CallbackUrl, o.NotificationId, o.State,
            TransactionStatus.From(o).StatusCode, o.Payment?.Method, o.Payment?.Account, o.Payment?.ConfirmationCode,
            o.CreatedDate, o.SettledAt, o.Refund, modes.For(o.TrackingId));
}
