using MlObservability.OpenTelemetry;

namespace OpenTelemetry.Trace;

/// <summary><c>WithTracing(t => t.AddMlMonitoring())</c>.</summary>
public static class MlMonitoringTracerProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes to every activity source of MlObservability: inference spans (core), ONNX Runtime sessions, background
    /// evaluation. An unnamed service gets the host's application name as <c>service.name</c>, as with metrics.
    /// </summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddMlMonitoring(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder is IDeferredTracerProviderBuilder deferred)
        {
            deferred.Configure((services, b) => b.ConfigureResource(r => ApplicationServiceName.ApplyDefault(r, services)));
        }

        return builder.AddSource([.. MlMonitoringTelemetry.ActivitySourceNames]);
    }
}
