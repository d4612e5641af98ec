// Started as `CrmPersonCentric.Benchmarks.PlainApp.dll standalone --urls=…`, like the Functions app: the first argument is ignored.
var app = WebApplication.CreateBuilder(args.Where(a => a != "standalone").ToArray()).Build();
app.MapGet("/api/health", () => Results.Ok(new { status = "healthy" }));
await app.RunAsync().ConfigureAwait(false);
