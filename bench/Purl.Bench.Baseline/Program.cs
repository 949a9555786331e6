// Bare Kestrel with one minimal-API route and no logging: the ceiling for `alive`.
// Started by Purl.Bench with `--urls http://127.0.0.1:0`; prints the bound address so the bench needs no port guess.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();
app.MapGet("/alive", () => "Healthy");

await app.StartAsync();
Console.WriteLine($"listening {app.Urls.First()}");
await app.WaitForShutdownAsync();
