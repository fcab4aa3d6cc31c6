using System.Text;

namespace MlObservability.OpenTelemetry.Tests.Support;

/// <summary>
/// Reads OTLP export requests with the field numbers of the official definitions (opentelemetry-proto,
/// <c>opentelemetry/proto/collector/metrics/v1/metrics_service.proto</c> and <c>metrics/v1/metrics.proto</c>): a protobuf
/// wire-format walker, so the test checks the structure, not just that a string occurs in the bytes.
/// <code>
/// ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
/// ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
/// ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; }
/// InstrumentationScope { string name = 1; }
/// Metric { string name = 1; string description = 2; string unit = 3; ... }
/// ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
/// ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
/// ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
/// Span { ... string name = 5; }
/// </code>
/// </summary>
internal static class OtlpProtobuf
{
    /// <summary>Every metric in an ExportMetricsServiceRequest: its scope (meter) name, metric name and unit.</summary>
    public static IReadOnlyList<(string Scope, string Name, string Unit)> Metrics(byte[] request)
    {
        var metrics = new List<(string, string, string)>();
        foreach (var resource in Fields(request, 1))
        {
            foreach (var scopeMetrics in Fields(resource, 2))
            {
                string scope = Fields(scopeMetrics, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? string.Empty;
                foreach (var metric in Fields(scopeMetrics, 2))
                {
                    metrics.Add((scope, Text(metric, 1), Text(metric, 3)));
                }
            }
        }

        return metrics;
    }

    /// <summary>Every span in an ExportTraceServiceRequest: its scope (activity source) name and span name.</summary>
    public static IReadOnlyList<(string Scope, string Name)> Spans(byte[] request)
    {
        var spans = new List<(string, string)>();
        foreach (var resource in Fields(request, 1))
        {
            foreach (var scopeSpans in Fields(resource, 2))
            {
                string scope = Fields(scopeSpans, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? string.Empty;
                spans.AddRange(Fields(scopeSpans, 2).Select(span => (scope, Text(span, 5))));
            }
        }

        return spans;
    }

    private static string Text(byte[] message, int field) => Fields(message, field).Select(b => Encoding.UTF8.GetString(b)).FirstOrDefault() ?? string.Empty;

    /// <summary>The payloads of the length-delimited occurrences of <paramref name="field"/>; other fields are skipped by wire type.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int field)
    {
        int at = 0;
        while (at < message.Length)
        {
            ulong key = Varint(message, ref at);
            int number = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    Varint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    int length = checked((int)Varint(message, ref at));
                    if (number == field)
                    {
                        yield return message[at..(at + length)];
                    }

                    at += length;
                    break;
                default:
                    throw new FormatException($"unsupported protobuf wire type {key & 7} at byte {at}");
            }
        }
    }

    private static ulong Varint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
