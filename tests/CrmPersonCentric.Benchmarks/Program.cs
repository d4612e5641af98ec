using BenchmarkDotNet.Running;
using CrmPersonCentric.Benchmarks;
using CrmPersonCentric.Benchmarks.Load;

// `dotnet run -c Release --project tests/CrmPersonCentric.Benchmarks` runs the engine benchmarks (BenchmarkDotNet);
// `... -- load [rate] [seconds]` runs the webhook pipeline load benchmark against Azurite;
// `... -- storage [contacts ...]` runs the scheduled evaluation from storage on Azurite (default 30,000, 100,000 and 300,000; signal rows too up to 30,000);
// `... -- lake [contacts ...]` times lake → findings against DuckDB's raw scan of the same Delta export and DuckDB running the reader's statements (default 1,000,000);
// `... -- read DIR [N]` reads a data directory N times (default 3), with each read's GC pauses;
// `... -- calls [CONTACTS] [N] [build]` times N evaluations (or builds) in one process (default 1,000,000 and 8);
// `... -- coldstart` measures the published package's start-up and idle memory against a plain ASP.NET Core app.
if (args.Length > 0 && args[0] == "load")
{
    return await LoadBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
}

if (args.Length > 0 && args[0] == "crash")
{
    return await LoadBenchmark.RunCrashAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
}

if (args.Length > 0 && args[0] == "storage")
{
    return await StorageEvaluationBenchmark.RunAsync(
        args.Length > 1 ? [.. args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))] : [30_000, 100_000, 300_000]);
}

if (args.Length > 0 && args[0] == "lake")
{
    return await LakeBenchmark.RunAsync(
        args.Length > 1 ? [.. args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))] : [1_000_000]);
}

if (args.Length > 1 && args[0] == "read")
{
    return ReadBenchmark.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
}

if (args.Length > 0 && args[0] == "calls")
{
    return CallsBenchmark.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 8,
        args.Length > 3 && args[3] == "build");
}

if (args.Length > 0 && args[0] == "coldstart")
{
    return await ColdStartBenchmark.RunAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(EvaluationBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
return 0;
