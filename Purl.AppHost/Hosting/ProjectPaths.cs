using System.Reflection;

namespace Purl.AppHost.Hosting;

/// <summary>Where the solution and our projects' build outputs are (recorded at build time in the AppHost's assembly).</summary>
public static class ProjectPaths
{
    private static string Metadata(string key) =>
        typeof(ProjectPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string SolutionRoot => Path.GetFullPath(Metadata("SolutionRoot"));

    public static string Configuration => Metadata("Configuration");

    /// <summary>The project's folder (its content root) and its built assembly.</summary>
    public static (string Directory, string Assembly) Locate(string projectName)
    {
        var directory = Path.Combine(SolutionRoot, projectName);
        var assembly = Path.Combine(directory, "bin", Configuration, "net10.0", projectName + ".dll");
        return File.Exists(assembly)
            ? (directory, assembly)
            : throw new FileNotFoundException($"{projectName} is not built ({assembly}). Run `dotnet build` first, or start with `dotnet run --project Purl.AppHost`.");
    }
}
