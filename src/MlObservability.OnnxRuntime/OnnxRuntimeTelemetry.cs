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

    /// <summary>The name of the span of one <c>Run</c>.</summary>
    public const string RunSpanName = "onnx.run";

    private static readonly string Version =
        typeof(OnnxRuntimeTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    internal static readonly Meter Meter = new(MeterName, Version);

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, Version);
}
