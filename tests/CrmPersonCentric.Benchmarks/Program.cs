using BenchmarkDotNet.Running;
using CrmPersonCentric.Benchmarks;

// `dotnet run -c Release --project tests/CrmPersonCentric.Benchmarks` runs every benchmark;
// BenchmarkDotNet's own arguments (e.g. --filter '*Engine*') narrow it down.
BenchmarkSwitcher.FromAssembly(typeof(EvaluationBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
