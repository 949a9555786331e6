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

    public int Port(string key)
    {
        var port = FreePort.Find(_ports.GetValueOrDefault(key));
        _ports[key] = port;
        Write("ports.json", _ports);
        return port;
    }

    public T? Read<T>(string file) where T : class =>
        File.Exists(PathOf(file)) ? JsonSerializer.Deserialize<T>(File.ReadAllText(PathOf(file))) : null;

    public void Write<T>(string file, T value)
    {
        lock (_ports) File.WriteAllText(PathOf(file), JsonSerializer.Serialize(value, Json));
    }
}

/// <summary>Passwords and keys made at first run and kept in `.purl/secrets.json` (readable by its owner only).</summary>
public sealed record StackSecrets(string PostgresPassword, string RedisPassword, string RabbitMqPassword, string SigningKey, string DemoPassword)
{
    public static StackSecrets LoadOrCreate(StackFolder folder)
    {
        if (folder.Read<StackSecrets>("secrets.json") is { } existing) return existing;
        var secrets = new StackSecrets(Hex(), Hex(), Hex(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            $"Purl-{RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 10)}!");
        folder.Write("secrets.json", secrets);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder.PathOf("secrets.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secrets;
    }

    private static string Hex() => RandomNumberGenerator.GetHexString(32, lowercase: true);
}
