using System.Diagnostics.Metrics;
using MlObservability.Inference;

namespace MlObservability.Tests.Inference;

public sealed class InferenceMetricsDurationBoundsTests
{
    [Test]
    public void A_zero_start_timestamp_is_invalid_not_the_machine_uptime()
    {
        using var metrics = new InferenceMetrics("bounds-zero-start", "1", "predict");
        metrics.RecordSuccess(0);
        metrics.RecordError(-5, "Timeout");
        Assert.Multiple(() =>
        {
            Assert.That(metrics.InvalidCount, Is.EqualTo(2));
            Assert.That(metrics.RequestCount, Is.Zero);
            Assert.That(metrics.Latency.GetSnapshot().Count, Is.Zero);
        });
    }

    [Test]
    public void Durations_above_the_maximum_are_dropped_and_leave_the_quantiles_alone()
    {
        using var metrics = new InferenceMetrics("bounds-absurd", "1", "predict");
        for (int i = 0; i < 99; i++)
        {
            metrics.Record(0.010);
        }

        metrics.Record(1e300);
        metrics.Record(3600.5);
        metrics.Record(3600);
        var snapshot = metrics.Latency.GetSnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(metrics.InvalidCount, Is.EqualTo(2));
            Assert.That(metrics.RequestCount, Is.EqualTo(100), "3,600 s, the default maximum itself, is accepted");
            Assert.That(snapshot.GetQuantile(0.99), Is.EqualTo(0.010).Within(0.0001));
        });
    }

    [Test]
    public void The_maximum_is_configurable_and_validated()
    {
        using var metrics = new InferenceMetrics("bounds-configured", "1", "batch", new InferenceMetricsOptions { MaxDurationSeconds = 7200 });
        metrics.Record(5000);
        Assert.That((metrics.RequestCount, metrics.InvalidCount), Is.EqualTo((1L, 0L)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new InferenceMetrics("bounds-bad", options: new InferenceMetricsOptions { MaxDurationSeconds = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new InferenceMetrics("bounds-bad", options: new InferenceMetricsOptions { MaxDurationSeconds = double.PositiveInfinity }));
    }

    [Test]
    public void Dropped_durations_are_exported_by_reason()
    {
        using var metrics = new InferenceMetrics("bounds-exported", "1", "predict");
        metrics.Record(double.NaN);
        metrics.RecordSuccess(0);
        metrics.Record(1e9);
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "ml.inference.invalid")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var dict = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(dict["ml.model.name"], "bounds-exported"))
            {
                seen[(string)dict["reason"]!] = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.That(seen, Is.EquivalentTo(new Dictionary<string, long> { ["invalid_duration"] = 2, ["duration_above_max"] = 1 }));
    }
}
