using System.Diagnostics.Metrics;
using MlObservability.Cardinality;

namespace MlObservability.OnnxRuntime.Gpu;

/// <summary>The GPU gauges, on the adapter's meter; created once, reading every live <see cref="GpuMetrics"/> at collection time.</summary>
internal static class GpuInstruments
{
    internal static readonly InstanceRegistry<GpuMetrics> Live = new();

    internal static readonly ObservableGauge<double> Utilization = OnnxRuntimeTelemetry.Meter.CreateObservableGauge(
        "ml.gpu.utilization", () => Observe(static (g, m) => g.ObserveUtilization(m)), "1",
        "Fraction of the last sample period during which a kernel ran on the GPU (NVML).");

    internal static readonly ObservableGauge<double> MemoryUsed = OnnxRuntimeTelemetry.Meter.CreateObservableGauge(
        "ml.gpu.memory.used", () => Observe(static (g, m) => g.ObserveMemory(m, used: true)), "By", "GPU memory in use (NVML).");

    internal static readonly ObservableGauge<double> MemoryTotal = OnnxRuntimeTelemetry.Meter.CreateObservableGauge(
        "ml.gpu.memory.total", () => Observe(static (g, m) => g.ObserveMemory(m, used: false)), "By", "GPU memory installed (NVML).");

    internal static readonly ObservableGauge<double> Temperature = OnnxRuntimeTelemetry.Meter.CreateObservableGauge(
        "ml.gpu.temperature", () => Observe(static (g, m) => g.ObserveTemperature(m)), "Cel", "GPU core temperature (NVML).");

    internal static readonly ObservableGauge<double> Power = OnnxRuntimeTelemetry.Meter.CreateObservableGauge(
        "ml.gpu.power", () => Observe(static (g, m) => g.ObservePower(m)), "W", "GPU power draw (NVML).");

    private static List<Measurement<double>> Observe(Action<GpuMetrics, List<Measurement<double>>> read)
    {
        var measurements = new List<Measurement<double>>();
        foreach (var gpu in Live.Items)
        {
            read(gpu, measurements);
        }

        return measurements;
    }
}
