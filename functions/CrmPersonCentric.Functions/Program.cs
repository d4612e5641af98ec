using CrmPersonCentric.Functions.Hosting;

var app = FunctionsApp.Build(args);
await app.RunAsync().ConfigureAwait(false);

/// <summary>The entry point (public for the integration tests' WebApplicationFactory).</summary>
public partial class Program;
