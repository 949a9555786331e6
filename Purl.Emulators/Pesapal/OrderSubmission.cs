namespace Purl.Emulators.Pesapal;

/// <summary>
/// SubmitOrderRequest's checks, in the order Pesapal answers them: the first problem found is the one reported.
/// Uniqueness of the merchant reference is checked by <see cref="PesapalOrders.TryAdd"/>, atomically.
/// </summary>
public static class OrderSubmission
{
    public const int MaxReferenceLength = 50;
    public const int MaxDescriptionLength = 100;

    public static readonly IReadOnlyList<string> RedirectModes = ["TOP_WINDOW", "PARENT_WINDOW"];

    public static (IpnRegistration? Ipn, PesapalError? Error) Check(SubmitOrderRequest order, PesapalOptions options, IpnRegistry ipns)
    {
        if (string.IsNullOrWhiteSpace(order.Id))
            return Fail("invalid_merchant_reference", "id (the merchant reference) is required.");
        if (order.Id.Length > MaxReferenceLength)
            return Fail("invalid_merchant_reference", $"id (the merchant reference) must be at most {MaxReferenceLength} characters.");
        if (string.IsNullOrWhiteSpace(order.Currency) || !options.Currencies.Contains(order.Currency, StringComparer.OrdinalIgnoreCase))
            return Fail("invalid_currency", $"currency '{order.Currency}' is not supported; use one of {string.Join(", ", options.Currencies)}.");
        if (order.Amount is not > 0)
            return Fail("invalid_amount", "amount must be greater than zero.");
        if (string.IsNullOrWhiteSpace(order.Description))
            return Fail("invalid_description", "description is required.");
        if (order.Description.Length > MaxDescriptionLength)
            return Fail("invalid_description", $"description must be at most {MaxDescriptionLength} characters.");
        if (!IsHttpUrl(order.CallbackUrl))
            return Fail("invalid_callback_url", "callback_url must be an absolute http or https URL.");
        if (order.CancellationUrl is not null && !IsHttpUrl(order.CancellationUrl))
            return Fail("invalid_cancellation_url", "cancellation_url must be an absolute http or https URL.");
        if (order.RedirectMode is not null && !RedirectModes.Contains(order.RedirectMode, StringComparer.OrdinalIgnoreCase))
            return Fail("invalid_redirect_mode", "redirect_mode must be TOP_WINDOW or PARENT_WINDOW.");
        if (order.BillingAddress is not { } billing || (string.IsNullOrWhiteSpace(billing.EmailAddress) && string.IsNullOrWhiteSpace(billing.PhoneNumber)))
            return Fail("invalid_billing_address", "billing_address needs an email_address or a phone_number.");
        if (!Guid.TryParse(order.NotificationId, out var ipnId) || ipns.Find(ipnId) is not { } ipn)
            return Fail("invalid_notification_id", $"notification_id '{order.NotificationId}' is not a registered IPN id.");
        return (ipn, null);
    }

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static (IpnRegistration?, PesapalError?) Fail(string code, string message) => (null, PesapalError.Api(code, message));
}
