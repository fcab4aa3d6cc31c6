using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlObservability.OpenTelemetry;
using MlObservability.OpenTelemetry.Otlp;
using MlObservability.OpenTelemetry.Prometheus;
using MlObservability.Hosting.Configuration;
using OpenTelemetry.Exporter;

namespace OpenTelemetry.Metrics;

/// <summary><c>WithMetrics(m => m.AddMlMonitoring().AddMlMonitoringPrometheusEndpoint())</c>.</summary>
public static class MlMonitoringMeterProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes to every meter of MlObservability: core, ONNX Runtime adapter and hosting. When the service has no name
    /// (no <c>ConfigureResource(r => r.AddService(...))</c>, no <c>OTEL_SERVICE_NAME</c>), the host's application name
    /// becomes <c>service.name</c> (<c>target_info{service_name=...}</c>) instead of <c>unknown_service:dotnet</c>.
    /// </summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddMlMonitoring(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder is IDeferredMeterProviderBuilder deferred)
        {
            deferred.Configure((services, b) => b.ConfigureResource(r => ApplicationServiceName.ApplyDefault(r, services)));
        }

        return builder.AddMeter([.. MlMonitoringTelemetry.MeterNames]);
    }

    /// <summary>
    /// Adds the Prometheus scrape endpoint (OpenTelemetry.Exporter.Prometheus.HttpListener) at
    /// <see cref="MlMonitoringOptions.Prometheus"/>: <c>http://127.0.0.1:9464/metrics</c> by default, loopback only.
    /// </summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <param name="configure">Last-chance changes to the listener options (applied after <see cref="MlMonitoringOptions.Prometheus"/>).</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddMlMonitoringPrometheusEndpoint(this MeterProviderBuilder builder, Action<PrometheusHttpListenerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureServices(services => services
            .AddOptions<PrometheusHttpListenerOptions>()
            .Configure<IOptions<MlMonitoringOptions>>((listener, monitoring) =>
            {
                var endpoint = monitoring.Value.Prometheus;

                // The exporter builds a Uri from Host, which rejects "+" and "*": give it a placeholder and set the
                // real prefixes on the HttpListener before it starts (PrometheusListenerBinding).
                listener.Host = "localhost";
                listener.Port = endpoint.Port;
                listener.ScrapeEndpointPath = endpoint.Path;
                configure?.Invoke(listener);
                var effective = new PrometheusEndpointOptions
                {
                    Host = listener.Host == "localhost" ? endpoint.Host : listener.Host,
                    Port = listener.Port,
                    Path = listener.ScrapeEndpointPath ?? endpoint.Path,
                };
                var userCallback = listener.ConfigureHttpListener;
                listener.ConfigureHttpListener = (options, http) =>
                {
                    userCallback?.Invoke(options, http);
                    PrometheusListenerBinding.Bind(http, effective);
                };
            }));
        return builder.AddPrometheusHttpListener();
    }

    /// <summary>
    /// Pushes the metrics over OTLP to <see cref="MlMonitoringOptions.Otlp"/> (endpoint, protocol, headers, interval), for
    /// services that cannot be scraped; does nothing while <c>MlMonitoring:Otlp:Endpoint</c> is unset, so it can stay in
    /// the code of every environment. Cumulative temporality, like the Prometheus endpoint, so the same generated rules
    /// work on the Collector's Prometheus export.
    /// </summary>
    /// <param name="builder">The meter provider builder (from <c>AddOpenTelemetry().WithMetrics(...)</c>).</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddMlMonitoringOtlpExporter(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder is IDeferredMeterProviderBuilder deferred)
        {
            deferred.Configure((services, b) =>
            {
                var otlp = services.GetRequiredService<IOptions<MlMonitoringOptions>>().Value.Otlp;
                if (otlp.Endpoint is null)
                {
                    return;
                }

                var exporter = new OtlpMetricExporter(OtlpExporterSettings.For(otlp, "v1/metrics"));
                b.AddReader(new PeriodicExportingMetricReader(exporter, (int)Math.Min(int.MaxValue, otlp.ExportInterval.TotalMilliseconds), (int)Math.Min(int.MaxValue, otlp.Timeout.TotalMilliseconds))
                {
                    TemporalityPreference = MetricReaderTemporalityPreference.Cumulative,
                });
            });
        }

        return builder;
    }
}
