namespace MlObservability.Hosting.Configuration;

/// <summary>Where the Prometheus scrape endpoint listens. Loopback by default: expose it wider on purpose only.</summary>
public sealed class PrometheusEndpointOptions
{
    /// <summary>Host the listener binds to. Default <c>127.0.0.1</c> (loopback); use <c>+</c> or <c>*</c> for every interface.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port. Default 9464 (the OpenTelemetry convention for Prometheus exporters).</summary>
    public int Port { get; set; } = 9464;

    /// <summary>Path of the scrape endpoint. Default <c>/metrics</c>.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>The URI prefix the listener serves, for example <c>http://127.0.0.1:9464/</c>.</summary>
    public string UriPrefix => $"http://{Host}:{Port}/";
}
