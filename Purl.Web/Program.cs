using Purl.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapWeb();

app.Run();

namespace Purl.Web
{
    /// <summary>Marks this assembly for tests that host the dashboard.</summary>
    public sealed class WebAssembly;
}
