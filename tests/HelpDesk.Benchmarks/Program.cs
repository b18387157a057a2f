using BenchmarkDotNet.Running;
using HelpDesk.Benchmarks.Load;

// seed:  dotnet run -c Release --project tests/HelpDesk.Benchmarks -- seed --cases 1000000 --connection "Host=…"
// load:  dotnet run -c Release --project tests/HelpDesk.Benchmarks -- load --cases 1000000 --seconds 20
// incident-match: dotnet run -c Release --project tests/HelpDesk.Benchmarks -- incident-match --subscribers 200000
// incident-load: dotnet run -c Release --project tests/HelpDesk.Benchmarks -- incident-load --subscribers 100000
// smoke: dotnet run -c Release --project tests/HelpDesk.Benchmarks -- load --smoke
// micro: dotnet run -c Release --project tests/HelpDesk.Benchmarks -- --filter '*'
return args.FirstOrDefault() switch
{
    "seed" => await LoadCommands.SeedAsync(args[1..]),
    "load" => await LoadCommands.LoadAsync(args[1..]),
    "incident-match" => await IncidentMatchCommand.RunAsync(args[1..]),
    "incident-load" => await IncidentLoadCommand.RunAsync(args[1..]),
    _ => RunMicro(args),
};

static int RunMicro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(HelpDesk.Benchmarks.CaseTimelineBenchmarks).Assembly).Run(args);
    return 0;
}
