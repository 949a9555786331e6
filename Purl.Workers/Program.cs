using Purl.Workers;

if (SearchCommand.Matches(args)) return await SearchCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWorkerServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
return 0;
