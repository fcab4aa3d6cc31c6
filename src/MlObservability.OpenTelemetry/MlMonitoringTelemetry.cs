using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace MlObservability.OpenTelemetry;

/// <summary>
/// The meters and activity sources that <c>AddMlMonitoring()</c> subscribes OpenTelemetry to.
/// </summary>
public static class MlMonitoringTelemetry
{
    /// <summary>The meter and activity source of this package (resource metrics, evaluation spans).</summary>
    public const string SourceName = "MlObservability.OpenTelemetry";

    /// <summary>The meter and activity source of the ONNX Runtime adapter (GPU metrics, session spans).</summary>
    public const string OnnxRuntimeSourceName = "MlObservability.OnnxRuntime";

    /// <summary>Every meter name <c>MeterProviderBuilder.AddMlMonitoring()</c> adds.</summary>
    public static IReadOnlyList<string> MeterNames { get; } = [MlTelemetry.MeterName, OnnxRuntimeSourceName, SourceName];

    /// <summary>Every activity source name <c>TracerProviderBuilder.AddMlMonitoring()</c> adds.</summary>
    public static IReadOnlyList<string> ActivitySourceNames { get; } = [MlTelemetry.ActivitySourceName, OnnxRuntimeSourceName, SourceName];

    private static readonly string Version =
        typeof(MlMonitoringTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    internal static readonly Meter Meter = new(SourceName, Version);

    internal static readonly ActivitySource ActivitySource = new(SourceName, Version);
}
