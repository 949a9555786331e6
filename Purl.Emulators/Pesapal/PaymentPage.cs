using System.Globalization;
using System.Net;
using System.Text;

namespace Purl.Emulators.Pesapal;

/// <summary>
/// The page a buyer lands on from redirect_url: what is being paid, and two buttons, "Pay" (#pay) and
/// "Fail" (#fail), that a person or a browser test clicks. Plain HTML and a little CSS; fits a 360 px screen.
/// </summary>
public static class PaymentPage
{
    private const string Style = """
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#f3f4f6;color:#111827}
        main{max-width:28rem;margin:0 auto;padding:1rem}
        header{font-weight:700;color:#1d4ed8;margin-bottom:.75rem}
        header small{font-weight:400;color:#6b7280}
        section{background:#fff;border-radius:.75rem;padding:1rem;box-shadow:0 1px 3px #0002}
        dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem .75rem;margin:0 0 1rem}
        dt{color:#6b7280}dd{margin:0;font-weight:600;overflow-wrap:anywhere}
        label{display:block;margin-bottom:.75rem;color:#374151}
        select,input{display:block;width:100%;margin-top:.25rem;padding:.6rem;font:inherit;border:1px solid #d1d5db;border-radius:.5rem}
        .buttons{display:flex;gap:.5rem}
        button{flex:1;min-height:3rem;font:inherit;font-weight:700;border:0;border-radius:.5rem;color:#fff;cursor:pointer}
        #pay{background:#16a34a}#fail{background:#dc2626}
        p.note{color:#6b7280;font-size:.875rem}
        a{color:#1d4ed8}
        """;

    public static string Render(OrderSnapshot order, string formAction)
    {
        var body = new StringBuilder();
        body.Append("<dl>")
            .Append(Row("Merchant reference", "merchant-reference", order.MerchantReference))
            .Append(Row("Amount", "amount", order.Amount.ToString("N2", CultureInfo.InvariantCulture)))
            .Append(Row("Currency", "currency", order.Currency))
            .Append(Row("Description", "description", order.Description))
            .Append("</dl>");

        if (order.State == OrderState.Pending)
        {
            body.Append($"""<form method="post" action="{E(formAction)}">""")
                .Append("""<label for="method">Pay with<select id="method" name="method">""");
            foreach (var method in PaymentMethods.All) body.Append($"""<option value="{E(method)}">{E(PaymentMethods.Label(method))}</option>""");
            body.Append("</select></label>")
                .Append($"""<label for="phone">Phone number<input id="phone" name="phone" type="tel" value="{E(order.PhoneNumber ?? "")}"></label>""")
                .Append("""<div class="buttons"><button id="pay" name="outcome" value="pay" type="submit">Pay</button>""")
                .Append("""<button id="fail" name="outcome" value="fail" type="submit">Fail</button></div></form>""");
            if (order.CancellationUrl is not null)
                body.Append($"""<p><a id="cancel" href="{E(order.CancellationUrl)}">Cancel and go back</a></p>""");
        }
        else
        {
            body.Append($"""<p id="state">This order is {E(order.State.ToString().ToLowerInvariant())}.</p>""")
                .Append($"""<p><a id="back" href="{E(TransactionStatus.CallbackUrl(order, IpnNotification.CallbackUrl))}">Back to the shop</a></p>""");
        }
        body.Append("""<p class="note">Pesapal emulator: no money moves. "Pay" completes the order, "Fail" fails it; either way the IPN is sent and you return to the shop.</p>""");

        return Document($"Pay {order.Currency} {order.Amount.ToString("N2", CultureInfo.InvariantCulture)}", body.ToString());
    }

    public static string Message(string title, string text) => Document(title, $"<p>{E(text)}</p>");

    private static string Document(string title, string content) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)} · Pesapal emulator</title>
        <style>{Style}</style>
        </head>
        <body><main><header>Pesapal <small>emulator</small></header><section><h1>{E(title)}</h1>{content}</section></main></body>
        </html>
        """;

    private static string Row(string label, string id, string value) => $"""<dt>{E(label)}</dt><dd id="{id}">{E(value)}</dd>""";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
