using System.Security.Cryptography;
using System.Text.Json;
using Purl.AppHost.Servers;

namespace Purl.AppHost.Hosting;

/// <summary>
/// The ignored `.purl/` folder: server data, generated secrets, the ports chosen last time (reused when still free, so
/// URLs stay put between runs) and the URLs/PIDs the bench reads.
/// </summary>
public sealed class StackFolder
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly Dictionary<string, int> _ports;

    public StackFolder(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
        _ports = Read<Dictionary<string, int>>("ports.json") ?? [];
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>
    /// The port kept for <paramref name="key"/> when it is still free, else a new one. Never a port another key of this
    /// stack holds: those servers may not be listening yet, so the OS would call the port free.
    /// </summary>
    public int Port(string key)
    {
        lock (_ports)
        {
            var held = _ports.Where(p => p.Key != key).Select(p => p.Value).ToHashSet();
            var kept = _ports.GetValueOrDefault(key);
            var port = FreePort.Find(held.Contains(kept) ? null : kept);
            while (held.Contains(port)) port = FreePort.Find();
            _ports[key] = port;
            Write("ports.json", _ports);
            return port;
        }
    }

    public T? Read<T>(string file) where T : class =>
        File.Exists(PathOf(file)) ? JsonSerializer.Deserialize<T>(File.ReadAllText(PathOf(file))) : null;

    public void Write<T>(string file, T value)
    {
        lock (_ports) File.WriteAllText(PathOf(file), JsonSerializer.Serialize(value, Json));
    }
}

/// <summary>
/// Passwords and keys made at first run and kept in `.purl/secrets.json` (readable by its owner only). A value added
/// in a later version is generated the first time that version runs; existing values never change.
/// </summary>
public sealed record StackSecrets
{
    public string PostgresPassword { get; init; } = "";
    public string RedisPassword { get; init; } = "";
    public string RabbitMqPassword { get; init; } = "";
    public string SigningKey { get; init; } = "";
    public string DemoPassword { get; init; } = "";
    /// <summary>What Purl.Api and the Pesapal emulator agree on (never a real merchant's credentials).</summary>
    public string PesapalConsumerKey { get; init; } = "";
    public string PesapalConsumerSecret { get; init; } = "";

    public static StackSecrets LoadOrCreate(StackFolder folder)
    {
        var existing = folder.Read<StackSecrets>("secrets.json") ?? new StackSecrets();
        var complete = existing with
        {
            PostgresPassword = Or(existing.PostgresPassword, Hex),
            RedisPassword = Or(existing.RedisPassword, Hex),
            RabbitMqPassword = Or(existing.RabbitMqPassword, Hex),
            SigningKey = Or(existing.SigningKey, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            DemoPassword = Or(existing.DemoPassword, () =>
                $"Purl-{RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 10)}!"),
            PesapalConsumerKey = Or(existing.PesapalConsumerKey, Hex),
            PesapalConsumerSecret = Or(existing.PesapalConsumerSecret, Hex),
        };
        if (complete == existing) return existing;
        folder.Write("secrets.json", complete);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder.PathOf("secrets.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return complete;
    }

    private static string Or(string value, Func<string> make) => string.IsNullOrEmpty(value) ? make() : value;

    private static string Hex() => RandomNumberGenerator.GetHexString(32, lowercase: true);
}
