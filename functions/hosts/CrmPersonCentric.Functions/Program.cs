using CrmPersonCentric.Functions;
using CrmPersonCentric.Functions.Standalone;
using Microsoft.Extensions.Hosting;

// `CrmPersonCentric.Functions standalone [--urls=…]` runs the same functions without a Functions host (developer
// machines, tests, benchmarks); without it the executable is the isolated worker the Functions host starts.
if (StandaloneHost.IsRequested(args))
{
    await StandaloneHost.Build(StandaloneHost.ArgumentsAfterSwitch(args)).RunAsync().ConfigureAwait(false);
    return;
}

await WorkerHost.Build(args).RunAsync().ConfigureAwait(false);

/// <summary>The entry point.</summary>
public partial class Program;
