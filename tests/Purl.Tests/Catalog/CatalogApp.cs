using Purl.Tests.Infrastructure;

namespace Purl.Tests.Catalog;

/// <summary>
/// Purl.Api for catalogue tests: rate limits high enough for tests that page through listings, a media folder of its
/// own (shared by every instance of the class), and a 1 MB upload limit so "too large" needs no 10 MB file.
/// </summary>
public class CatalogApp(PurlStack stack) : PurlApp(stack)
{
    public const long MaxUploadBytes = 1024 * 1024;

    public string MediaRoot { get; } = Path.Combine(Path.GetTempPath(), $"purl-media-{Guid.NewGuid():N}");

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["RateLimits:marketplace:Limit"] = "100000";
        settings["RateLimits:store:Limit"] = "100000";
        settings["Media:Root"] = MediaRoot;
        settings["Media:MaxUploadBytes"] = MaxUploadBytes.ToString();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MediaRoot))
            Directory.Delete(MediaRoot, recursive: true);
    }
}
