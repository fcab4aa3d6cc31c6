using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter '*'
// One area: --filter '*Histogram*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
