using Microsoft.Playwright;
using Purl.Tests.Auth;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.Web;

/// <summary>What the dashboard tests do in the browser: sign a vendor in, take screenshots.</summary>
internal static class DashboardBrowser
{
    public static async Task<IPage> SignInAsync(this BrowserFixture browser, DashboardApp app, string email, int width = 1280, int height = 800)
    {
        var context = await browser.NewContextAsync(width, height, app.WebAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AuthClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForAddressAsync(url => !url.Contains("/signin"), () => app.WebLog);
        return page;
    }

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Artifact($"{name}.png"), FullPage = true });
}
