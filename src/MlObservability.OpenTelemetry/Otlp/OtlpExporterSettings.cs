using MlObservability.Hosting.Configuration;
using OpenTelemetry.Exporter;

namespace MlObservability.OpenTelemetry.Otlp;

/// <summary>Turns <see cref="OtlpExportOptions"/> into the OpenTelemetry exporter's options for one signal.</summary>
internal static class OtlpExporterSettings
{
    /// <summary>The exporter options for a signal. With HTTP/protobuf, an endpoint given as a base URL (path <c>/</c>)
    /// gets the signal path (<c>v1/metrics</c>, <c>v1/traces</c>), as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> would; a URL
    /// with a path is used as it is.</summary>
    public static OtlpExporterOptions For(OtlpExportOptions options, string signalPath)
    {
        var endpoint = options.Endpoint!;
        bool http = options.Protocol == OtlpProtocol.HttpProtobuf;
        if (http && endpoint.AbsolutePath is "/" or "")
        {
            endpoint = new Uri(endpoint, signalPath);
        }

        return new OtlpExporterOptions
        {
            Endpoint = endpoint,
            Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc,
            Headers = string.IsNullOrWhiteSpace(options.Headers) ? null : options.Headers,
            TimeoutMilliseconds = (int)Math.Min(int.MaxValue, options.Timeout.TotalMilliseconds),
        };
    }
}
