using Purl.Emulators;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEmulatorServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapEmulators();

app.Run();

namespace Purl.Emulators
{
    /// <summary>Marks this assembly for WebApplicationFactory in the tests.</summary>
    public sealed class EmulatorsAssembly;
}
