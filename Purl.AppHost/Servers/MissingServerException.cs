namespace Purl.AppHost.Servers;

/// <summary>A server binary is not installed: the message names the Debian package to install, nothing more.</summary>
public sealed class MissingServerException(string server, string package)
    : Exception($"{server} is not installed: run `sudo apt-get install -y {package}` (or ./run.sh, which installs it).")
{
    public string Package { get; } = package;
}
