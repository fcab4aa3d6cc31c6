using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MlObservability.Hosting.Resources;

/// <summary>
/// Process and runtime metrics on the <c>MlObservability.OpenTelemetry</c> meter, created once per process. The GPU side
/// comes from the ONNX Runtime adapter.
/// </summary>
internal static class ResourceInstruments
{
    internal const string GenerationTag = "gc.generation";

    private static readonly KeyValuePair<string, object?>[][] GenerationTags =
        [[new(GenerationTag, "gen0")], [new(GenerationTag, "gen1")], [new(GenerationTag, "gen2")]];

    private static readonly ProcessCpuSampler Cpu = new(TimeProvider.System);

    internal static readonly ObservableGauge<double> CpuUtilization = HostingTelemetry.Meter.CreateObservableGauge(
        "ml.process.cpu.utilization", () => Cpu.Sample(), "1",
        "CPU time used by the process since the previous collection, divided by elapsed time and processor count (0 to 1).");

    internal static readonly ObservableGauge<long> MemoryUsage = HostingTelemetry.Meter.CreateObservableGauge(
        "ml.process.memory.usage", () => Environment.WorkingSet, "By",
        "Physical memory (working set) of the process.");

    internal static readonly ObservableCounter<long> GcCollections = HostingTelemetry.Meter.CreateObservableCounter(
        "ml.runtime.gc.collections", ObserveCollections, "{collection}",
        "Garbage collections since the process started, by generation.");

    internal static readonly ObservableGauge<long> ThreadPoolQueueLength = HostingTelemetry.Meter.CreateObservableGauge(
        "ml.runtime.threadpool.queue.length", () => ThreadPool.PendingWorkItemCount, "{work_item}",
        "Work items queued to the thread pool and not yet started.");

    internal static readonly ObservableGauge<long> GcHeapSize = HostingTelemetry.Meter.CreateObservableGauge(
        "ml.runtime.gc.heap.size", () => GC.GetGCMemoryInfo().HeapSizeBytes, "By",
        "Managed heap size at the last garbage collection.");

    /// <summary>Touches the static fields so the instruments exist (the static constructor creates them once).</summary>
    internal static void EnsureCreated() => GC.KeepAlive(CpuUtilization);

    private static IEnumerable<Measurement<long>> ObserveCollections()
    {
        int generations = Math.Min(GC.MaxGeneration, 2);
        for (int generation = 0; generation <= generations; generation++)
        {
            yield return new Measurement<long>(GC.CollectionCount(generation), GenerationTags[generation]);
        }
    }

    /// <summary>CPU utilization between two observations; the first observation covers the time since the process started.</summary>
    internal sealed class ProcessCpuSampler(TimeProvider timeProvider)
    {
        private readonly object _gate = new();
        private TimeSpan _lastCpu;
        private long _lastTimestamp = long.MinValue;

        public double Sample() => Sample(GetProcessCpuTime(), timeProvider.GetTimestamp(), Environment.ProcessorCount);

        internal double Sample(TimeSpan cpu, long timestamp, int processors)
        {
            lock (_gate)
            {
                TimeSpan elapsed = _lastTimestamp == long.MinValue
                    ? TimeSinceProcessStart()
                    : timeProvider.GetElapsedTime(_lastTimestamp, timestamp);
                TimeSpan used = cpu - _lastCpu;
                _lastCpu = cpu;
                _lastTimestamp = timestamp;
                if (elapsed <= TimeSpan.Zero || processors <= 0)
                {
                    return 0;
                }

                return Math.Clamp(used.TotalSeconds / (elapsed.TotalSeconds * processors), 0, 1);
            }
        }

        private static TimeSpan TimeSinceProcessStart()
        {
            using var process = Process.GetCurrentProcess();
            return TimeProvider.System.GetUtcNow() - process.StartTime.ToUniversalTime(); // wall time of the OS process, not a schedulable clock
        }

        private static TimeSpan GetProcessCpuTime()
        {
#if NET9_0_OR_GREATER
            return Environment.CpuUsage.TotalTime;
#else
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
#endif
        }
    }
}
