namespace Purl.Bench;

/// <summary>One GET before any load, so a stack that is down or not ready fails the run instead of filling a row.</summary>
public static class Preflight
{
    public static async Task RequireSuccessAsync(Uri url, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.GetAsync(url, ct);
            if (!response.IsSuccessStatusCode)
                throw new BenchException($"GET {url} answered {(int)response.StatusCode} before any load: is the stack ready?");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new BenchException($"cannot reach {url}: {e.Message}");
        }
    }
}
