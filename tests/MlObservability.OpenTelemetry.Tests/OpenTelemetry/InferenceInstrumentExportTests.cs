using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using MlObservability.Inference;
using MlObservability.Hosting;
using MlObservability.OpenTelemetry.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MlObservability.OpenTelemetry.Tests.OpenTelemetry;

/// <summary>Every ml.inference.* instrument as OpenTelemetry exports it: name, unit, type, tags and values.</summary>
public sealed class InferenceInstrumentExportTests
{
    private const string Model = "export-fraud";

    private List<MetricSnapshot> _exported = null!;
    private MeterProvider _meterProvider = null!;
    private ServiceProvider _services = null!;
    private InferenceMetrics _inference = null!;

    [SetUp]
    public void SetUp()
    {
        _exported = [];
        _meterProvider = Sdk.CreateMeterProviderBuilder().AddMlMonitoring().AddInMemoryExporter(_exported).Build();
        var services = new ServiceCollection();
        services.AddMlMonitoring(o => o.ResourceMetrics = false).AddModel(Model, "3", m => m.Endpoint = "/predict");
        _services = services.BuildServiceProvider();
        _inference = _services.GetRequiredService<ModelMonitorRegistry>().GetModel(Model).Inference;

        _inference.Record(0.010, batchSize: 1);
        _inference.Record(0.020, batchSize: 4);
        _inference.Record(0.500, batchSize: 8);
        _inference.Record(0.030, InferenceOutcome.Error, "TimeoutException");
        _inference.Record(0.040, InferenceOutcome.Cancelled);
        _inference.Start(); // one call left in flight
        _meterProvider.ForceFlush();
    }

    [TearDown]
    public void TearDown()
    {
        _services.Dispose();
        _meterProvider.Dispose();
    }

    private static readonly (string, object)[] ModelTags =
        [("ml.model.name", Model), ("ml.model.version", "3"), ("ml.endpoint", "/predict")];

    [Test]
    public void Requests_counter_by_outcome()
    {
        var metric = _exported.Single("ml.inference.requests");
        Assert.Multiple(() =>
        {
            Assert.That(metric.Unit, Is.EqualTo("{request}"));
            Assert.That(metric.MetricType, Is.EqualTo(MetricType.LongSum));
            Assert.That(metric.MeterName, Is.EqualTo("MlObservability"));
            Assert.That(metric.PointsWith([.. ModelTags, ("ml.outcome", "success")]).Single().GetSumLong(), Is.EqualTo(3));
            Assert.That(metric.PointsWith([.. ModelTags, ("ml.outcome", "error")]).Single().GetSumLong(), Is.EqualTo(1));
            Assert.That(metric.PointsWith([.. ModelTags, ("ml.outcome", "cancelled")]).Single().GetSumLong(), Is.EqualTo(1));
            Assert.That(MetricSnapshotExtensions.TagsOf(metric.PointsWith(ModelTags)[0]).Keys,
                Is.EquivalentTo(new[] { "ml.model.name", "ml.model.version", "ml.endpoint", "ml.outcome" }));
        });
    }

    [Test]
    public void Errors_counter_by_error_type()
    {
        var metric = _exported.Single("ml.inference.errors");
        var point = metric.PointsWith([.. ModelTags, ("error.type", "TimeoutException")]).Single();
        Assert.Multiple(() =>
        {
            Assert.That(metric.Unit, Is.EqualTo("{error}"));
            Assert.That(metric.MetricType, Is.EqualTo(MetricType.LongSum));
            Assert.That(point.GetSumLong(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Duration_histogram_in_seconds_with_advised_buckets()
    {
        var metric = _exported.Single("ml.inference.duration");
        var success = metric.PointsWith([.. ModelTags, ("ml.outcome", "success")]).Single();
        var bounds = new List<double>();
        var counts = new List<long>();
        foreach (var bucket in success.GetHistogramBuckets())
        {
            bounds.Add(bucket.ExplicitBound);
            counts.Add(bucket.BucketCount);
        }

        Assert.Multiple(() =>
        {
            Assert.That(metric.Unit, Is.EqualTo("s"));
            Assert.That(metric.MetricType, Is.EqualTo(MetricType.Histogram));
            Assert.That(success.GetHistogramCount(), Is.EqualTo(3));
            Assert.That(success.GetHistogramSum(), Is.EqualTo(0.53).Within(1e-12));
            Assert.That(bounds.Take(bounds.Count - 1), Is.EqualTo(InferenceInstruments.DurationBoundaries));
            Assert.That(counts[bounds.IndexOf(0.01)], Is.EqualTo(1), "0.010 falls in (0.005, 0.01]");
            Assert.That(counts[bounds.IndexOf(0.025)], Is.EqualTo(1), "0.020 falls in (0.01, 0.025]");
            Assert.That(counts[bounds.IndexOf(0.5)], Is.EqualTo(1), "0.500 falls in (0.25, 0.5]");
        });
    }

    [Test]
    public void Batch_size_histogram()
    {
        var metric = _exported.Single("ml.inference.batch.size");
        var point = metric.PointsWith(ModelTags).Single();
        Assert.Multiple(() =>
        {
            Assert.That(metric.Unit, Is.EqualTo("{item}"));
            Assert.That(metric.MetricType, Is.EqualTo(MetricType.Histogram));
            Assert.That(point.GetHistogramCount(), Is.EqualTo(5));
            Assert.That(point.GetHistogramSum(), Is.EqualTo(1 + 4 + 8 + 1 + 1));
        });
    }

    [Test]
    public void Active_up_down_counter_counts_calls_in_flight()
    {
        var metric = _exported.Single("ml.inference.active");
        Assert.Multiple(() =>
        {
            Assert.That(metric.Unit, Is.EqualTo("{request}"));
            Assert.That(metric.MetricType, Is.EqualTo(MetricType.LongSumNonMonotonic));
            Assert.That(metric.PointsWith(ModelTags).Single().GetSumLong(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Duration_quantile_gauge_from_the_in_process_histogram()
    {
        var metric = _exported.Single("ml.inference.duration.quantile");
        Assert.Multiple(() =>
        {
            Assert.That(metric.Unit, Is.EqualTo("s"));
            Assert.That(metric.MetricType, Is.EqualTo(MetricType.DoubleGauge));
            Assert.That(metric.PointsWith([.. ModelTags, ("ml.quantile", "0.5")]).Single().GetGaugeLastValueDouble(), Is.EqualTo(0.020).Within(0.020 * 0.01));
            Assert.That(metric.PointsWith([.. ModelTags, ("ml.quantile", "0.99")]).Single().GetGaugeLastValueDouble(), Is.EqualTo(0.500).Within(0.500 * 0.01));
            Assert.That(metric.PointsWith(ModelTags).Select(p => MetricSnapshotExtensions.TagsOf(p)["ml.quantile"]),
                Is.EquivalentTo(new[] { "0.5", "0.9", "0.95", "0.99" }));
        });
    }

    [Test]
    public void The_onnx_runtime_meter_is_subscribed_by_name()
    {
        using var onnxMeter = new Meter(MlMonitoringTelemetry.OnnxRuntimeSourceName);
        var probe = onnxMeter.CreateCounter<long>("ml.test.onnx.probe");
        probe.Add(2);
        _meterProvider.ForceFlush();
        Assert.That(_exported.Single("ml.test.onnx.probe").MetricPoints.Single().GetSumLong(), Is.EqualTo(2));
    }
}
