using Purl.Api;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapApi();

app.Run();

namespace Purl.Api
{
    /// <summary>Marks this assembly for WebApplicationFactory in the tests.</summary>
    public sealed class ApiAssembly;
}
