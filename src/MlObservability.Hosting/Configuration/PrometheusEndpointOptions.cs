namespace MlObservability.Hosting.Configuration;

/// <summary>Where the Prometheus scrape endpoint listens. Loopback by default: expose it wider on purpose only.</summary>
public sealed class PrometheusEndpointOptions
{
    /// <summary>
    /// Host the listener binds to. Default <c>127.0.0.1</c> (loopback), which also answers requests addressed to
    /// <c>localhost</c>. <c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>::</c> and <c>[::]</c> all mean every (IPv4) interface and
    /// answer any <c>Host</c> header; any other value is a host name or address of this machine (IPv6 in brackets or not).
    /// </summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>
    /// TCP port. Default 9464 (the OpenTelemetry convention for Prometheus exporters). If it is in use, the host fails
    /// to start with a message naming the port and this setting.
    /// </summary>
    public int Port { get; set; } = 9464;

    /// <summary>Path of the scrape endpoint. Default <c>/metrics</c>.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>The URI prefix as configured, for example <c>http://127.0.0.1:9464/</c> (the listener may serve more spellings of the same host).</summary>
    public string UriPrefix => $"http://{Host}:{Port}/";
}
