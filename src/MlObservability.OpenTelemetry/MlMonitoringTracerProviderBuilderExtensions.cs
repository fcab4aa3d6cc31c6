using MlObservability.OpenTelemetry;

namespace OpenTelemetry.Trace;

/// <summary><c>WithTracing(t => t.AddMlMonitoring())</c>.</summary>
public static class MlMonitoringTracerProviderBuilderExtensions
{
    /// <summary>Subscribes to every activity source of MlObservability: inference spans (core), ONNX Runtime sessions, background evaluation.</summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddMlMonitoring(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource([.. MlMonitoringTelemetry.ActivitySourceNames]);
    }
}
