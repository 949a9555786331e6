using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Purl.Core.Identity;

namespace Purl.Bench;

/// <summary>
/// Access tokens for the bench's users, signed with the stack's own key (<c>.purl/secrets.json</c>) for users read from
/// its database: the same claims a login gives (roles, the store's id), without hashing a password per user, so the
/// bench measures its scenario rather than thousands of PBKDF2 logins. Logging in itself is tested, not benched.
/// </summary>
public sealed class BenchTokens
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TokenService _signer;

    public BenchTokens(string repoRoot, NpgsqlDataSource dataSource)
    {
        var path = Path.Combine(repoRoot, ".purl", "secrets.json");
        if (!File.Exists(path)) throw new BenchException($"{path} not found: start the AppHost first");
        var key = JsonDocument.Parse(File.ReadAllText(path)).RootElement.TryGetProperty("SigningKey", out var value) ? value.GetString() : null;
        _signer = new TokenService(Options.Create(new AuthOptions { SigningKey = key ?? throw new BenchException($"{path} has no SigningKey"),
            AccessTokenLifetime = TimeSpan.FromHours(2) }), TimeProvider.System);
        _dataSource = dataSource;
    }

    /// <summary>One token per email, in order; an email with no user is an error naming it.</summary>
    public async Task<IReadOnlyList<string>> TokensAsync(IReadOnlyList<string> emails, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT u.email, u.id, u.phone_number, array_agg(r.name) FILTER (WHERE r.name IS NOT NULL),
                   (SELECT v.id FROM vendors v WHERE v.owner_user_id = u.id LIMIT 1)
            FROM users u LEFT JOIN user_roles ur ON ur.user_id = u.id LEFT JOIN roles r ON r.id = ur.role_id
            WHERE u.email = ANY($1) GROUP BY u.id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = emails.Distinct().ToArray() });
        var accounts = new Dictionary<string, Account>(StringComparer.OrdinalIgnoreCase);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                accounts[reader.GetString(0)] = new Account(reader.GetGuid(1), reader.GetString(0), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? [] : reader.GetFieldValue<string[]>(3), reader.IsDBNull(4) ? null : reader.GetGuid(4));
        }
        return emails.Select(e => accounts.TryGetValue(e, out var account)
            ? _signer.CreateAccessToken(account).Token
            : throw new BenchException($"no user {e} in the stack's database: does it have the bench data set?")).ToList();
    }

    public async Task<string> TokenAsync(string email, CancellationToken ct) => (await TokensAsync([email], ct))[0];
}
