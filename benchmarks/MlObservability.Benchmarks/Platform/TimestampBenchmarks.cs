// Results, 2026-11-23 02:25-02:26 UTC (load average 6.5 before, 3.4 after), command:
// dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter 'MlObservability.Benchmarks.Platform.*'
//   --launchCount 1 --warmupCount 3 --iterationCount 8
// AMD EPYC 2.60GHz, 2 vCPUs (KVM, clock source tsc), Debian 12, .NET 10.0.12, BenchmarkDotNet 0.15.8.
//
// | Method | Mean | Error | Ratio | Allocated |
// |---|---:|---:|---:|---:|
// | Stopwatch.GetTimestamp() | 20.341 ns | 0.2683 ns | 1.00 | - |
// | Environment.TickCount64 | 3.591 ns | 0.0470 ns | 0.18 | - |
// | Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp()): two readings | 44.781 ns | 0.8697 ns | 2.20 | - |
// A timed call (two readings) costs ~45 ns: the floor of every decorator or session that times each call.

using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace MlObservability.Benchmarks.Platform;

/// <summary>
/// Cost of reading the clock on this machine. InferenceMetrics and the [Instrumented] decorators
/// take two <see cref="Stopwatch.GetTimestamp"/> readings per call, so on a VM whose clock source is slow this is the
/// floor of every instrumented call.
/// </summary>
[MemoryDiagnoser]
public class TimestampBenchmarks
{
    /// <summary>The high-resolution monotonic clock (clock_gettime(CLOCK_MONOTONIC) on Linux).</summary>
    [Benchmark(Baseline = true, Description = "Stopwatch.GetTimestamp()")]
    public long StopwatchTimestamp() => Stopwatch.GetTimestamp();

    /// <summary>The coarse millisecond tick count (CLOCK_MONOTONIC_COARSE on Linux).</summary>
    [Benchmark(Description = "Environment.TickCount64")]
    public long TickCount64() => Environment.TickCount64;

    /// <summary>Two readings and their difference, what one timed call costs.</summary>
    [Benchmark(Description = "Stopwatch.GetElapsedTime(start), start + end")]
    public TimeSpan ElapsedBetweenTwoTimestamps() => Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp());
}
