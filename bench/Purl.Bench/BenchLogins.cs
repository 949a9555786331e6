using System.Collections.Concurrent;
using System.Text.Json;
using Purl.Api.Client;
using Purl.Api.Client.Auth;

namespace Purl.Bench;

/// <summary>
/// Access tokens for the bench's users, got through <c>POST /auth/login</c> before the timed part (each login hashes a
/// password, so thousands take a while). Kept in <c>.purl/bench-tokens.json</c> and reused while they have at least
/// ten minutes left, so back-to-back runs do not log everyone in again (a stack started with a long
/// <c>Auth__AccessTokenLifetime</c> keeps them useful longer).
/// </summary>
public sealed class BenchLogins(string repoRoot, Uri baseUrl, string password)
{
    private static readonly TimeSpan MinimumLeft = TimeSpan.FromMinutes(10);
    private string CachePath => Path.Combine(repoRoot, ".purl", "bench-tokens.json");

    private sealed record Cached(string Token, DateTimeOffset ExpiresAt);

    public async Task<IReadOnlyList<string>> TokensAsync(IReadOnlyList<string> emails, CancellationToken ct)
    {
        var cache = Load();
        var now = DateTimeOffset.UtcNow;
        var missing = emails.Where(e => !cache.TryGetValue(e, out var c) || c.ExpiresAt - now < MinimumLeft).Distinct().ToList();
        if (missing.Count > 0)
        {
            Console.WriteLine($"  logging in {missing.Count} users through /auth/login (once; tokens are cached in .purl/bench-tokens.json)");
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
            var auth = PurlApiClient.For<IAuthApi>(http);
            // In chunks, saved as they come: a run stopped half-way keeps the logins it paid for.
            foreach (var chunk in missing.Chunk(500))
            {
                var fresh = new ConcurrentDictionary<string, Cached>();
                try
                {
                    await Parallel.ForEachAsync(chunk, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (email, token) =>
                    {
                        var signedIn = await auth.LoginAsync(new LoginRequest(email, password), token);
                        fresh[email] = new Cached(signedIn.AccessToken, DateTimeOffset.UtcNow.AddSeconds(signedIn.ExpiresIn));
                    });
                }
                catch (Exception e) when (e is HttpRequestException or Refit.ApiException)
                {
                    throw new BenchException($"logging the bench's users in failed ({e.Message}); is the stack up, with its demo data?");
                }
                finally
                {
                    foreach (var (email, cached) in fresh) cache[email] = cached;
                    File.WriteAllText(CachePath, JsonSerializer.Serialize(cache));
                }
            }
        }
        return emails.Select(e => cache[e].Token).ToList();
    }

    public async Task<string> TokenAsync(string email, CancellationToken ct) => (await TokensAsync([email], ct))[0];

    private Dictionary<string, Cached> Load()
    {
        try
        {
            return File.Exists(CachePath) ? JsonSerializer.Deserialize<Dictionary<string, Cached>>(File.ReadAllText(CachePath)) ?? [] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
