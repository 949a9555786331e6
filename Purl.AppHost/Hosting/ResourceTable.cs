namespace Purl.AppHost.Hosting;

public static class ResourceTable
{
    public static void Print(IReadOnlyList<Resource> resources, string opsUrl, TimeSpan elapsed)
    {
        Console.WriteLine();
        Console.WriteLine($"{"resource",-11}{"kind",-9}{"state",-11}{"health",-12}{"pid",-8}url");
        foreach (var r in resources)
            Console.WriteLine($"{r.Name,-11}{r.Kind,-9}{r.State.ToString().ToLowerInvariant(),-11}{r.Health ?? "-",-12}{r.ProcessId?.ToString() ?? "-",-8}{r.Url ?? "-"}");
        Console.WriteLine();
        Console.WriteLine($"All up in {elapsed.TotalSeconds:0.0} s. Ops page: {opsUrl}   Press Ctrl+C to stop everything.");
    }
}
