using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter '*'
// One area: --filter '*Histogram*'
// Where a fully monitored inference's bytes go, by type: -- allocations [--calls 2000000] (Monitoring/AllocationSources.cs)
// 2-thread scaling, component by component, in short alternating rounds: -- scaling [--rounds 101] [--calls 16384]
// Drift evaluator soak at a fixed request rate: -- soak [--rate 10000] [--seconds 30] (Drift/DriftSoak.cs)
if (args is ["soak", ..])
{
    return MlObservability.Benchmarks.Drift.DriftSoak.Run(args[1..]);
}

if (args is ["scaling", ..])
{
    return MlObservability.Benchmarks.Monitoring.ScalingProbe.Run(args[1..]);
}

if (args is ["allocations", ..])
{
    return MlObservability.Benchmarks.Monitoring.AllocationSources.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
