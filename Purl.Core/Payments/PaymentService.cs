using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Purl.Core.Checkout;
using Purl.Core.Data;
using Purl.Core.Identity;
using Purl.Core.Payments.Pesapal;
using Purl.Core.RateLimiting;

namespace Purl.Core.Payments;

public sealed record PaymentView(Guid Id, PaymentStatus Status, string? RedirectUrl);

/// <param name="Created">True when this request started the payment; false for a replay or the payment already pending.</param>
public sealed record PaymentStart(PaymentView Payment, bool Created);

/// <summary>
/// Starts paying an order through Pesapal, safely repeatable. The payments row is inserted first, in state
/// <c>initiating</c>, under two unique keys — (buyer, Idempotency-Key) and one live payment per order — so of any number
/// of identical requests in flight exactly one calls Pesapal; the others find its row and wait for it to settle.
/// Pesapal unavailable: the row is removed (the same key can start clean) and the caller gets 503 with Retry-After.
/// SubmitOrderRequest is never resent after an answer that may have been lost: each attempt has its own merchant
/// reference, and an order Pesapal made without our hearing of it has no redirect_url in anyone's hands, so nobody can pay it.
/// </summary>
public sealed partial class PaymentService(
    PurlDbContext db,
    PesapalClient pesapal,
    PesapalIpnRegistrar ipn,
    PurlPublicAddress address,
    PesapalCircuit circuit,
    IOptions<PesapalOptions> pesapalOptions,
    RateLimiter limiter,
    IOptions<PaymentOptions> options,
    TimeProvider clock,
    ILogger<PaymentService> logger)
{
    public const string IdempotencyKeyField = "Idempotency-Key";
    public const int IdempotencyKeyMaxLength = 100;
    private const int Rounds = 4;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    public static readonly IReadOnlyList<string> Methods = ["mpesa", "card"];

    public async Task<Outcome<PaymentStart>> StartAsync(Guid buyerId, Guid orderId, string? idempotencyKey, string? phone, string? method,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(idempotencyKey))
            errors.Add(IdempotencyKeyField, "Send an Idempotency-Key header (a fresh random value per payment, the same on every retry).");
        else if (idempotencyKey.Length > IdempotencyKeyMaxLength || idempotencyKey.Any(c => c is < '!' or > '~'))
            errors.Add(IdempotencyKeyField, $"The Idempotency-Key must be 1 to {IdempotencyKeyMaxLength} visible ASCII characters.");
        method = string.IsNullOrWhiteSpace(method) ? "mpesa" : method.Trim().ToLowerInvariant();
        if (!Methods.Contains(method)) errors.Add("method", "Pay with mpesa or card.");
        string? e164 = null;
        if (phone is not null && !PhoneNumbers.TryNormalize(phone, out e164))
            errors.Add("phone", $"Give the phone number in international form, like {PhoneNumbers.Example}.");
        if (errors.Any) return errors.ToProblem();

        for (var round = 0; round < Rounds; round++)
        {
            var mine = await FindAsync(p => p.BuyerId == buyerId && p.IdempotencyKey == idempotencyKey, ct);
            if (mine is not null)
            {
                if (mine.OrderId != orderId)
                    return new Problem(ProblemKind.Unprocessable, "This Idempotency-Key was used to pay another order.")
                    {
                        Errors = new Dictionary<string, string[]> { [IdempotencyKeyField] = ["Use a new key for a new payment."] },
                    };
                var settled = await AwaitSettledAsync(mine, ct);
                if (settled is null) continue;
                return new PaymentStart(settled, Created: false);
            }

            var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId && o.BuyerId == buyerId)
                .Select(o => new { o.Status, o.Total, o.Currency, o.VendorName }).FirstOrDefaultAsync(ct);
            if (order is null) return new Problem(ProblemKind.NotFound, "You have no order with this id.");
            if (order.Status != OrderStatus.PendingPayment)
                return new Problem(ProblemKind.Conflict, order.Status == OrderStatus.Cancelled ? "This order is cancelled." : "This order is already paid.");
            var holdUntil = await db.Reservations.Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Active)
                .MinAsync(r => (DateTimeOffset?)r.ExpiresAt, ct);
            if (holdUntil is null || holdUntil <= clock.GetUtcNow())
                return new Problem(ProblemKind.Conflict, "The reservation has expired.", "Check out again to reserve the items.");

            var live = await FindAsync(p => p.OrderId == orderId && (p.Status == PaymentStatus.Initiating || p.Status == PaymentStatus.Pending), ct);
            if (live is not null)
            {
                var settled = await AwaitSettledAsync(live, ct);
                if (settled is null) continue;
                return new PaymentStart(settled, Created: false);
            }

            // Pesapal is known to be failing: answer at once, and do not count it as one of the buyer's attempts.
            if (circuit.IsOpen)
                return Problem.Unavailable("Payments are unavailable right now; try again shortly.", pesapalOptions.Value.BreakDuration,
                    "Pesapal is failing; payments are paused for a moment.");

            var buyer = await db.Users.AsNoTracking().Where(u => u.Id == buyerId).Select(u => new { u.Email, u.PhoneNumber }).FirstAsync(ct);
            var payPhone = e164 ?? buyer.PhoneNumber;
            if (method == "mpesa" && payPhone is null)
                return new Problem(ProblemKind.Unprocessable, "M-Pesa needs your phone number.")
                {
                    Errors = new Dictionary<string, string[]> { ["phone"] = [$"Send your M-Pesa number, like {PhoneNumbers.Example}."] },
                };

            var payment = new Payment
            {
                OrderId = orderId,
                BuyerId = buyerId,
                IdempotencyKey = idempotencyKey!,
                Status = PaymentStatus.Initiating,
                Amount = order.Total,
                Currency = order.Currency.Trim(),
                MerchantReference = "",
            };
            payment.MerchantReference = $"PURL-{payment.Id:N}";
            if (!await TryInsertAsync(payment, ct)) continue; // a concurrent request won: the next round finds its row

            var decision = await limiter.AcquireAsync(RateLimitNames.Payment, $"user:{buyerId}", ct);
            if (!decision.Allowed)
            {
                await DeleteInitiatingAsync(payment.Id);
                return Problem.TooManyRequests("Too many payment attempts; try again later.", decision.RetryAfter);
            }
            if (e164 is not null && buyer.PhoneNumber is null)
                await db.Users.Where(u => u.Id == buyerId && u.PhoneNumber == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumber, e164), ct);

            return await SubmitAsync(payment, order.VendorName, buyer.Email, payPhone);
        }
        return Problem.Unavailable("Payments are busy; try again.", TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// Asks Pesapal for the order. Not cancelled by the caller going away: other requests with the same key may be
    /// waiting on this row, and the pipeline's own timeouts bound the call.
    /// </summary>
    private async Task<Outcome<PaymentStart>> SubmitAsync(Payment payment, string vendorName, string? email, string? phone)
    {
        var ct = CancellationToken.None;
        var settled = false;
        try
        {
            var ipnId = await ipn.GetIpnIdAsync(ct);
            if (ipnId.Failure is { } noIpn) return noIpn.ToProblem();
            if (address.CallbackUrl is not { } callback)
                return Problem.Unavailable("Payments are unavailable right now; try again shortly.", TimeSpan.FromSeconds(5));

            var description = $"Purl order {payment.OrderId.ToString("N")[..12]} from {vendorName}";
            var request = new SubmitOrderRequest(payment.MerchantReference, payment.Currency, payment.Amount,
                description.Length > 100 ? description[..100] : description, callback, ipnId.Value.ToString(),
                new BillingAddress(email, phone, "KE"), RedirectMode: "TOP_WINDOW");
            var answer = await pesapal.SubmitOrderAsync(request, ct);
            if (answer.Failure is { Kind: PesapalFailureKind.Rejected, Code: "invalid_notification_id" })
            {
                // Pesapal forgot our IPN registration (an emulator restart, a new account): a refusal made no order, so once more.
                var replaced = await ipn.ReplaceAsync(ipnId.Value, ct);
                if (replaced.Failure is { } noNewIpn) return noNewIpn.ToProblem();
                answer = await pesapal.SubmitOrderAsync(request with { NotificationId = replaced.Value.ToString() }, ct);
            }

            if (answer.Failure is { Kind: PesapalFailureKind.Rejected } rejected)
            {
                await db.Payments.Where(p => p.Id == payment.Id && p.Status == PaymentStatus.Initiating).ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.Status, PaymentStatus.Failed)
                    .SetProperty(p => p.FailureReason, Truncate(rejected.Message, 300))
                    .SetProperty(p => p.UpdatedAt, clock.GetUtcNow()), ct);
                settled = true;
                LogRejected(payment.Id, rejected.Code, rejected.Message);
                return rejected.ToProblem();
            }
            if (answer.Failure is { } unavailable)
                return unavailable.ToProblem();

            var submitted = answer.Value!;
            var now = clock.GetUtcNow();
            await db.Payments.Where(p => p.Id == payment.Id && p.Status == PaymentStatus.Initiating).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PaymentStatus.Pending)
                .SetProperty(p => p.OrderTrackingId, submitted.OrderTrackingId)
                .SetProperty(p => p.RedirectUrl, submitted.RedirectUrl)
                .SetProperty(p => p.CheckAfter, now + options.Value.ReconcileAfter)
                .SetProperty(p => p.UpdatedAt, now), ct);
            settled = true;
            return new PaymentStart(new PaymentView(payment.Id, PaymentStatus.Pending, submitted.RedirectUrl), Created: true);
        }
        finally
        {
            // Anything but a definite answer leaves nothing behind: the same key (or another) starts clean.
            if (!settled) await DeleteInitiatingAsync(payment.Id);
        }
    }

    /// <summary>Waits while another request is still asking Pesapal; null when that attempt was abandoned (try again).</summary>
    private async Task<PaymentView?> AwaitSettledAsync(PaymentRow row, CancellationToken ct)
    {
        var deadline = row.CreatedAt + options.Value.InitiatingTimeout;
        while (row.Status == PaymentStatus.Initiating)
        {
            if (clock.GetUtcNow() > deadline)
            {
                // The request that inserted it died (its instance crashed): clear the way.
                await DeleteInitiatingAsync(row.Id);
                return null;
            }
            await Task.Delay(PollEvery, clock, ct);
            var again = await FindAsync(p => p.Id == row.Id, ct);
            if (again is null) return null;
            row = again;
        }
        return new PaymentView(row.Id, row.Status, row.RedirectUrl);
    }

    private sealed record PaymentRow(Guid Id, Guid OrderId, PaymentStatus Status, string? RedirectUrl, DateTimeOffset CreatedAt);

    private Task<PaymentRow?> FindAsync(System.Linq.Expressions.Expression<Func<Payment, bool>> where, CancellationToken ct) =>
        db.Payments.AsNoTracking().Where(where)
            .Select(p => new PaymentRow(p.Id, p.OrderId, p.Status, p.RedirectUrl, p.CreatedAt))
            .FirstOrDefaultAsync(ct);

    /// <summary>One statement; a conflict on either unique key (same key, or a live payment for the order) inserts nothing.</summary>
    private async Task<bool> TryInsertAsync(Payment p, CancellationToken ct) =>
        await db.ExecuteAsync("""
            INSERT INTO payments (id, order_id, buyer_id, idempotency_key, status, amount, currency, merchant_reference, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'initiating', $5, $6, $7, now(), now())
            ON CONFLICT DO NOTHING
            """, ct, p.Id, p.OrderId, p.BuyerId, p.IdempotencyKey, p.Amount, p.Currency, p.MerchantReference) == 1;

    private Task DeleteInitiatingAsync(Guid paymentId) =>
        db.Payments.Where(p => p.Id == paymentId && p.Status == PaymentStatus.Initiating).ExecuteDeleteAsync(CancellationToken.None);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pesapal refused payment {PaymentId}: {Code} {Message}")]
    private partial void LogRejected(Guid paymentId, string code, string message);
}
