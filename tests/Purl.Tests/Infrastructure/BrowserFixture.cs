using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Purl.Tests.Infrastructure.BrowserFixture))]

namespace Purl.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole run (Debian's, at /usr/bin/chromium: nothing is downloaded), launched the first time
/// a test asks for it. Each test takes a fresh context, so cookies never leak between tests. The browser tests run one
/// at a time (one collection), so a test's first context closes those the previous test left open: an open dashboard
/// keeps its Blazor circuit and live connection busy, and a dozen of them slow every test that follows.
/// </summary>
public sealed class BrowserFixture : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly SemaphoreSlim _launching = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<(string? Test, IBrowserContext Context)> _open = [];

    /// <summary>Where screenshots go: <c>artifacts/</c> in the test output folder.</summary>
    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800, Uri? baseUrl = null)
    {
        var browser = await LaunchAsync();
        var test = TestContext.Current.Test?.UniqueID;
        await CloseAsync(_open.Where(o => o.Test != test).ToList());
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = baseUrl?.ToString(),
            Locale = "en-KE",
            TimezoneId = "Africa/Nairobi",
        });
        context.SetDefaultTimeout(30_000);
        // Live updates cross the outbox, RabbitMQ, the hub and the circuit: on a busy CI machine that can take more
        // than Playwright's 5 s default for an expectation.
        Assertions.SetDefaultExpectTimeout(20_000);
        _open.Add((test, context));
        return context;
    }

    private async Task CloseAsync(List<(string? Test, IBrowserContext Context)> finished)
    {
        foreach (var entry in finished)
        {
            _open.Remove(entry);
            await entry.Context.CloseAsync();
        }
    }

    public static string Artifact(string name) => Path.Combine(ArtifactsFolder, name);

    private async Task<IBrowser> LaunchAsync()
    {
        if (_browser is not null) return _browser;
        await _launching.WaitAsync();
        try
        {
            if (_browser is not null) return _browser;
            if (!File.Exists(ChromiumPath))
                throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (./test.sh does).");
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return _browser;
        }
        finally
        {
            _launching.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync(_open.ToList());
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _launching.Dispose();
    }
}
