using System.Diagnostics.Metrics;
using MlObservability.Inference;

namespace MlObservability.Tests.Inference;

/// <summary><c>ml.inference.requests</c> and <c>ml.inference.active</c> read at collection time from the counts of the
/// live <see cref="InferenceMetrics"/>: same tags and values as the synchronous instruments gave, nothing per call.</summary>
public sealed class InferenceCountExportTests
{
    [Test]
    public void Requests_and_active_are_read_from_the_live_instances_and_summed_per_tag_set()
    {
        using var first = new InferenceMetrics("count-export", "2", "/p");
        using var second = new InferenceMetrics("count-export", "2", "/p");
        var third = new InferenceMetrics("count-export", "2", "/p");
        first.RecordSuccess(first.Start());
        first.Record(0.01, InferenceOutcome.Error, "Boom");
        second.RecordSuccess(second.Start());
        second.Start(); // in flight
        third.RecordSuccess(third.Start());
        third.Start();
        third.Dispose(); // gone: no longer reported

        var seen = Collect();
        Assert.Multiple(() =>
        {
            Assert.That(seen.GetValueOrDefault("ml.inference.requests/success"), Is.EqualTo(2));
            Assert.That(seen.GetValueOrDefault("ml.inference.requests/error"), Is.EqualTo(1));
            Assert.That(seen.ContainsKey("ml.inference.requests/cancelled"), Is.False, "an outcome's series appears with its first call");
            Assert.That(seen.GetValueOrDefault("ml.inference.active/"), Is.EqualTo(1));
            Assert.That(first.RequestCount + second.RequestCount, Is.EqualTo(3));
        });
    }

    [Test]
    [ReleaseOnly("unoptimised Debug code may box on this path; the optimised path allocates nothing")]
    public void A_monitored_call_allocates_nothing_with_every_instrument_listened_to()
    {
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MlTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => { });
        listener.Start();
        using var metrics = new InferenceMetrics("count-export-alloc", "1");
        metrics.RecordSuccess(metrics.Start());
        var least = long.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                metrics.RecordSuccess(metrics.Start());
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.That(least, Is.Zero);
    }

    private static Dictionary<string, long> Collect()
    {
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is "ml.inference.requests" or "ml.inference.active")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var dict = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(dict[SemanticConventions.ModelName], "count-export"))
            {
                Assert.That(dict[SemanticConventions.ModelVersion], Is.EqualTo("2"));
                Assert.That(dict[SemanticConventions.Endpoint], Is.EqualTo("/p"));
                var key = $"{instrument.Name}/{dict.GetValueOrDefault(SemanticConventions.Outcome)}";
                Assert.That(seen.ContainsKey(key), Is.False, $"one measurement per tag set: {key}");
                seen[key] = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
