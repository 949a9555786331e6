using Purl.AppHost.Hosting;
using Purl.AppHost.Servers;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.Web;

/// <summary>
/// The dashboard's stack for one test class: Purl.Api in-process on a real loopback port, and Purl.Web as a real process
/// (from its build output, as the AppHost runs it) pointed at that API through <c>services__api__http__0</c>, on the
/// class's own Redis prefix.
/// </summary>
public class DashboardApp(PurlStack stack) : PurlApp(stack)
{
    private ChildProcess? _web;
    private readonly LogBuffer _webLog = new(2000);

    protected override bool ListensOnLoopback => true;

    public string MediaRoot { get; } = Path.Combine(Path.GetTempPath(), $"purl-media-{Guid.NewGuid():N}");

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Media:Root"] = MediaRoot;
        settings["RateLimits:store:Limit"] = "100000";
        settings["RateLimits:marketplace:Limit"] = "100000";
    }

    public Uri WebAddress { get; private set; } = null!;

    public string WebLog => _webLog.Text(60);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var port = FreePort.Find();
        WebAddress = new Uri($"http://127.0.0.1:{port}");
        var environment = Resources.ToEnvironment();
        environment["services__api__http__0"] = BaseAddress!.ToString().TrimEnd('/');
        environment["ASPNETCORE_URLS"] = WebAddress.ToString().TrimEnd('/');
        environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // static web assets are served from the build output in Development
        environment["Logging__LogLevel__Default"] = "Warning";
        WebSettings(environment);
        var (directory, assembly) = ProjectPaths.Locate("Purl.Web");
        _web = ChildProcess.Start("dotnet", [assembly], _webLog, environment, directory);
        await WaitUntilHealthyAsync();
    }

    /// <summary>Extra environment for the Web process.</summary>
    protected virtual void WebSettings(IDictionary<string, string?> environment) { }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = WebAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_web!.HasExited) throw new InvalidOperationException($"Purl.Web exited with code {_web.ExitCode}:\n{WebLog}");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Purl.Web did not report healthy within a minute:\n{WebLog}");
    }

    public override async ValueTask DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.StopAsync(UnixSignal.Terminate, TimeSpan.FromSeconds(10));
            _web.Dispose();
        }
        await base.DisposeAsync();
        if (Directory.Exists(MediaRoot)) Directory.Delete(MediaRoot, recursive: true);
    }
}
