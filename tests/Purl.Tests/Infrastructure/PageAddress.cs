using Microsoft.Playwright;

namespace Purl.Tests.Infrastructure;

public static class PageAddress
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits until the page's address matches. It polls: Playwright's WaitForURLAsync looks at the address, then listens
    /// for the next navigation, and a navigation that lands between the two (a redirect after a form post, a Blazor
    /// NavigateTo) is never heard, so it times out on a page that is already there. On a timeout it says where the page
    /// stayed, what it showed, and <paramref name="serverLog"/> (what the server behind it logged).
    /// </summary>
    public static async Task WaitForAddressAsync(this IPage page, Func<string, bool> matches, Func<string>? serverLog = null)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (!matches(page.Url))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                var shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
                throw new TimeoutException($"The page stayed at {page.Url}, showing:\n{shown}\nThe server logged:\n{serverLog?.Invoke()}");
            }
            await Task.Delay(50);
        }
    }
}
