namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Push export over OTLP (<c>MlMonitoring:Otlp</c>) for services that cannot be scraped (batch jobs, serverless,
/// networks Prometheus cannot reach): used by <c>AddMlMonitoringOtlpExporter()</c> of the MlObservability.OpenTelemetry
/// package, which sends the library's metrics (and traces) to an OpenTelemetry Collector or any OTLP endpoint. Off while
/// <see cref="Endpoint"/> is <see langword="null"/>. <see cref="Headers"/> often carry an API key: keep them in a secret
/// store or an environment variable (<c>MlMonitoring__Otlp__Headers</c>); they are never logged or echoed.
/// </summary>
public sealed class OtlpExportOptions
{
    /// <summary>The OTLP endpoint: for <see cref="OtlpProtocol.HttpProtobuf"/> the base URL (<c>http://collector:4318</c>,
    /// the signal paths <c>/v1/metrics</c> and <c>/v1/traces</c> are added) or the full signal URL; for
    /// <see cref="OtlpProtocol.Grpc"/> <c>http://collector:4317</c>. No push export when <see langword="null"/>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The transport. Default <see cref="OtlpProtocol.HttpProtobuf"/>.</summary>
    public OtlpProtocol Protocol { get; set; } = OtlpProtocol.HttpProtobuf;

    /// <summary>Extra request headers, <c>key=value</c> pairs separated by commas (the <c>OTEL_EXPORTER_OTLP_HEADERS</c>
    /// format), for example <c>api-key=...</c>. A secret: never logged.</summary>
    public string? Headers { get; set; }

    /// <summary>How often metrics are pushed. Default 30 seconds.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one export may take. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether traces are pushed too (by the tracer provider's <c>AddMlMonitoringOtlpExporter()</c>). Default
    /// <see langword="true"/>.</summary>
    public bool Traces { get; set; } = true;

    /// <summary>What is wrong, each message naming the setting under <paramref name="at"/>; never the endpoint's query or
    /// the headers (they may hold secrets).</summary>
    internal IEnumerable<string> Problems(string at)
    {
        if (Endpoint is null)
        {
            yield break;
        }

        if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            yield return $"{at}:Endpoint must be an absolute http(s) URL (for example http://otel-collector:4318).";
        }

        if (!Enum.IsDefined(Protocol))
        {
            yield return $"{at}:Protocol must be HttpProtobuf or Grpc; got {Protocol}.";
        }

        if (Headers is { Length: > 0 } headers && headers.Split(',').Any(pair => pair.Split('=', 2) is not [{ Length: > 0 } key, _] || string.IsNullOrWhiteSpace(key)))
        {
            yield return $"{at}:Headers must be key=value pairs separated by commas (for example api-key=...,tenant=ml); the value is not shown.";
        }

        if (ExportInterval < TimeSpan.FromSeconds(1) || Timeout <= TimeSpan.Zero)
        {
            yield return $"{at}:ExportInterval must be at least one second and Timeout positive (for example \"00:00:30\" and \"00:00:10\"); got {ExportInterval} and {Timeout}.";
        }
    }
}
