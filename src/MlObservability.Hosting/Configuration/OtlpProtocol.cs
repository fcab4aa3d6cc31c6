namespace MlObservability.Hosting.Configuration;

/// <summary>The OTLP transport of <see cref="OtlpExportOptions"/>.</summary>
public enum OtlpProtocol
{
    /// <summary>Protobuf over HTTP (port 4318): through proxies and load balancers that speak only HTTP/1.1.</summary>
    HttpProtobuf = 0,

    /// <summary>gRPC (port 4317).</summary>
    Grpc = 1,
}
