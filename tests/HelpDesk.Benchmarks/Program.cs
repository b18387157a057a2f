using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/HelpDesk.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(HelpDesk.Benchmarks.CaseTimelineBenchmarks).Assembly).Run(args);
