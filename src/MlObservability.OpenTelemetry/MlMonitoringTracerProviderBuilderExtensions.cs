using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;
using MlObservability.OpenTelemetry;
using MlObservability.OpenTelemetry.Otlp;
using OpenTelemetry.Exporter;

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

    /// <summary>
    /// Pushes traces over OTLP to <see cref="MlMonitoringOptions.Otlp"/> (batched); does nothing while
    /// <c>MlMonitoring:Otlp:Endpoint</c> is unset or <c>MlMonitoring:Otlp:Traces</c> is false.
    /// </summary>
    /// <param name="builder">The tracer provider builder (from <c>AddOpenTelemetry().WithTracing(...)</c>).</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddMlMonitoringOtlpExporter(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder is IDeferredTracerProviderBuilder deferred)
        {
            deferred.Configure((services, b) =>
            {
                var otlp = services.GetRequiredService<IOptions<MlMonitoringOptions>>().Value.Otlp;
                if (otlp.Endpoint is not null && otlp.Traces)
                {
                    b.AddProcessor(new BatchActivityExportProcessor(new OtlpTraceExporter(OtlpExporterSettings.For(otlp, "v1/traces"))));
                }
            });
        }

        return builder;
    }
}
