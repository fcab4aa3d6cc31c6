using MlObservability.Hosting;

namespace MlObservability.OpenTelemetry;

/// <summary>The meters and activity sources that <c>AddMlMonitoring()</c> subscribes OpenTelemetry to.</summary>
public static class MlMonitoringTelemetry
{
    /// <summary>The meter and activity source of the ONNX Runtime adapter (GPU metrics, session spans).</summary>
    public const string OnnxRuntimeSourceName = "MlObservability.OnnxRuntime";

    /// <summary>Every meter name <c>MeterProviderBuilder.AddMlMonitoring()</c> adds: core, ONNX Runtime adapter, hosting.</summary>
    public static IReadOnlyList<string> MeterNames { get; } = [MlTelemetry.MeterName, OnnxRuntimeSourceName, HostingTelemetry.SourceName];

    /// <summary>Every activity source name <c>TracerProviderBuilder.AddMlMonitoring()</c> adds: core, ONNX Runtime adapter, hosting.</summary>
    public static IReadOnlyList<string> ActivitySourceNames { get; } = [MlTelemetry.ActivitySourceName, OnnxRuntimeSourceName, HostingTelemetry.SourceName];
}
