using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace MlObservability.OnnxRuntime;

/// <summary>
/// The names under which the ONNX Runtime adapter publishes its telemetry. Add <see cref="MeterName"/> next to
/// <see cref="MlTelemetry.MeterName"/> (the RED metrics of instrumented sessions live on the core meter), and
/// <see cref="ActivitySourceName"/> for one span per run.
/// </summary>
public static class OnnxRuntimeTelemetry
{
    /// <summary>The meter of the adapter's own instruments (model info, session creation, GPU gauges).</summary>
    public const string MeterName = "MlObservability.OnnxRuntime";

    /// <summary>The activity source of the adapter's spans (<c>onnx.run</c>).</summary>
    public const string ActivitySourceName = "MlObservability.OnnxRuntime";

    /// <summary>Tag key for the execution provider that actually runs the session, e.g. <c>CUDAExecutionProvider</c>.</summary>
    public const string ProviderTag = "ml.onnx.provider";

    /// <summary>Tag key for the GPU index (NVML device index).</summary>
    public const string GpuDeviceTag = "ml.gpu.device";

    /// <summary>Tag key for the GPU product name.</summary>
    public const string GpuNameTag = "ml.gpu.name";

    /// <summary>Tag key for the batch size on a run span.</summary>
    public const string BatchSizeTag = "ml.batch.size";

    private static readonly string Version =
        typeof(OnnxRuntimeTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    internal static readonly Meter Meter = new(MeterName, Version);

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, Version);
}
