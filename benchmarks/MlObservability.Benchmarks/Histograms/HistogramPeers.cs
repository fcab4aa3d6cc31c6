using System.Diagnostics;
using System.Diagnostics.Metrics;
using HdrHistogram;
using MlObservability.Histograms;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MlObservability.Benchmarks.Histograms;

/// <summary>
/// Every histogram compared in the benchmarks, each configured the way a user would to track endpoint latency:
/// our <see cref="LogHistogram"/> (1 ns to 1 day, 1 %), OpenTelemetry .NET <see cref="Histogram{T}"/> collected by a
/// real MeterProvider (default explicit buckets, and a base-2 exponential histogram, the OpenTelemetry equivalent of a
/// relative-error histogram), prometheus-net histograms (default buckets, labelled and unlabelled), and HdrHistogram
/// (1 ns to 1 day, 2 significant digits = 1 %), plain, concurrent and as an interval <see cref="Recorder"/>.
/// </summary>
internal sealed class HistogramPeers : IDisposable
{
    public const long HdrLowest = 1;                      // 1 ns
    public const long HdrHighest = 86_400_000_000_000L;   // 1 day in ns, the LogHistogram default range
    public const int HdrSignificantDigits = 2;            // 1 % relative precision, like the LogHistogram default

    private readonly Meter _meter;
    private readonly MeterProvider _meterProvider;
    private readonly List<Metric> _exported = [];

    public HistogramPeers()
    {
        Ours = new LogHistogram();

        string meterName = "MlObservability.Benchmarks.Histograms." + Guid.NewGuid().ToString("N");
        _meter = new Meter(meterName);
        OpenTelemetryExplicit = _meter.CreateHistogram<double>("bench.latency.explicit", unit: "s");
        OpenTelemetryExponential = _meter.CreateHistogram<double>("bench.latency.exponential", unit: "s");
        _meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meterName)
            .AddView("bench.latency.exponential", new Base2ExponentialBucketHistogramConfiguration())
            .AddInMemoryExporter(_exported)
            .Build();
        Tags = new TagList
        {
            { "ml.model.name", "fraud" },
            { "ml.model.version", "3" },
            { "http.response.status_code", 200 },
        };

        var registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        PrometheusLabelledFamily = factory.CreateHistogram(
            "bench_latency_labelled_seconds", "Latency.", ["model", "version", "status"]);
        PrometheusLabelled = PrometheusLabelledFamily.WithLabels("fraud", "3", "200");
        PrometheusUnlabelled = factory.CreateHistogram("bench_latency_seconds", "Latency.");

        HdrPlain = new LongHistogram(HdrLowest, HdrHighest, HdrSignificantDigits);
        HdrConcurrent = new LongConcurrentHistogram(HdrLowest, HdrHighest, HdrSignificantDigits);
        HdrRecorder = new Recorder(HdrLowest, HdrHighest, HdrSignificantDigits,
            (id, lowest, highest, digits) => new LongConcurrentHistogram(id, lowest, highest, digits));

        // One measurement per OpenTelemetry stream, so CollectOpenTelemetry can prove the SDK aggregates them.
        var tags = Tags;
        OpenTelemetryExplicit.Record(0.02);
        OpenTelemetryExplicit.Record(0.02, in tags);
        OpenTelemetryExponential.Record(0.02);
        OpenTelemetryExponential.Record(0.02, in tags);
    }

    public LogHistogram Ours { get; }

    public Histogram<double> OpenTelemetryExplicit { get; }

    public Histogram<double> OpenTelemetryExponential { get; }

    /// <summary>Three tags built once, as a caller would cache them per endpoint.</summary>
    public TagList Tags { get; }

    public Prometheus.Histogram PrometheusLabelledFamily { get; }

    /// <summary>The labelled child, looked up once and cached (the fast way to use prometheus-net).</summary>
    public Prometheus.Histogram.Child PrometheusLabelled { get; }

    public Prometheus.Histogram PrometheusUnlabelled { get; }

    public LongHistogram HdrPlain { get; }

    public LongConcurrentHistogram HdrConcurrent { get; }

    public Recorder HdrRecorder { get; }

    /// <summary>Forces one collection so we know the OpenTelemetry instruments really are aggregated.</summary>
    /// <returns>The number of metric streams exported.</returns>
    public int CollectOpenTelemetry()
    {
        _exported.Clear();
        _meterProvider.ForceFlush();
        return _exported.Count;
    }

    public void Dispose()
    {
        _meterProvider.Dispose();
        _meter.Dispose();
    }
}
