using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MlObservability.Inference;

namespace MlObservability.Tests.Inference;

/// <summary><c>ml.inference.duration</c> and <c>ml.inference.batch.size</c> reach listeners from per-thread buffers
/// (<see cref="InferenceMeasurementBuffer"/>): every value exactly once, with its own tags, when a buffer fills, when
/// a listener collects, and when the endpoint is disposed.</summary>
public sealed class InferenceMeasurementBufferTests
{
    private const string Duration = "ml.inference.duration";
    private const string BatchSize = "ml.inference.batch.size";

    [Test]
    public void Every_value_from_many_threads_reaches_the_histograms_once_with_its_outcome()
    {
        using var metrics = new InferenceMetrics("buffer-threads", "1", "/a");
        using var listener = new HistogramListener("buffer-threads");

        // More threads than stripes: some own a buffer, the rest share a stripe's owner and record synchronously.
        int threads = (metrics.HistogramBuffer.StripeCount * 2) + 1;
        const int Calls = 3_001;
        var expected = new ConcurrentBag<(double Duration, string Outcome, long Batch)>();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (var i = 0; i < Calls; i++)
            {
                var outcome = (InferenceOutcome)((t + i) % 3);
                double duration = ((t * Calls) + i + 1) * 1e-6;
                int batch = 1 + (i % 7);
                metrics.Record(duration, outcome, outcome == InferenceOutcome.Error ? "E" : null, batch);
                expected.Add((duration, Name(outcome), batch));
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        listener.Collect();
        var durations = listener.Durations.OrderBy(d => d.Value).ToList();
        var wanted = expected.OrderBy(e => e.Duration).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(durations, Has.Count.EqualTo(threads * Calls));
            Assert.That(durations.Select(d => d.Value), Is.EqualTo(wanted.Select(e => e.Duration)), "exact values, each once");
            Assert.That(durations.Select(d => d.Outcome), Is.EqualTo(wanted.Select(e => e.Outcome)), "each with its outcome");
            Assert.That(listener.Batches.Sum(), Is.EqualTo(wanted.Sum(e => e.Batch)));
            Assert.That(listener.Batches, Has.Count.EqualTo(threads * Calls));
            Assert.That(metrics.HistogramBuffer.Pending, Is.Zero);
        });
    }

    [Test]
    public void Each_full_block_is_handed_over_by_its_thread_without_a_collection()
    {
        using var metrics = new InferenceMetrics("buffer-full", "1", "/a");
        using var listener = new HistogramListener("buffer-full");
        long seenBeforeCollection = 0;
        var worker = new Thread(() =>
        {
            for (var i = 0; i < (3 * InferenceMeasurementBuffer.Capacity) + 5; i++)
            {
                metrics.RecordSuccess(metrics.Start());
            }

            seenBeforeCollection = listener.Durations.Count;
        });
        worker.Start();
        worker.Join();

        Assert.That(seenBeforeCollection, Is.EqualTo(3 * InferenceMeasurementBuffer.Capacity), "three blocks, each handed over when it filled");
        Assert.That(metrics.HistogramBuffer.Pending, Is.EqualTo(5));
        listener.Collect();
        Assert.Multiple(() =>
        {
            Assert.That(listener.Durations, Has.Count.EqualTo((3 * InferenceMeasurementBuffer.Capacity) + 5));
            Assert.That(metrics.HistogramBuffer.Pending, Is.Zero);
        });
    }

    [Test]
    public void Disposing_the_endpoint_hands_over_what_its_buffers_hold_and_huge_batches_go_at_once()
    {
        var metrics = new InferenceMetrics("buffer-dispose", "1", "/a");
        using var listener = new HistogramListener("buffer-dispose");
        metrics.Record(0.25, InferenceOutcome.Success, null, 3);
        metrics.Record(0.5, InferenceOutcome.Success, null, InferenceMeasurementBuffer.MaxBufferedBatchSize + 1);
        Assert.Multiple(() =>
        {
            Assert.That(listener.Durations.Select(d => d.Value), Is.EqualTo(new[] { 0.5 }), "a batch size too large for a buffer is recorded at once");
            Assert.That(listener.Batches, Is.EqualTo(new long[] { InferenceMeasurementBuffer.MaxBufferedBatchSize + 1 }));
        });

        metrics.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(listener.Durations.Select(d => d.Value), Is.EquivalentTo(new[] { 0.5, 0.25 }));
            Assert.That(listener.Batches, Is.EquivalentTo(new long[] { InferenceMeasurementBuffer.MaxBufferedBatchSize + 1, 3 }));
        });
    }

    private static string Name(InferenceOutcome outcome) => outcome switch
    {
        InferenceOutcome.Success => "success",
        InferenceOutcome.Error => "error",
        _ => "cancelled",
    };

    /// <summary>Listens to the two histograms of one model, as an exporter would, and collects on demand.</summary>
    private sealed class HistogramListener : IDisposable
    {
        private readonly MeterListener _listener = new();

        public HistogramListener(string model)
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MlTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            {
                if (instrument.Name == Duration && Tag(tags, SemanticConventions.ModelName) == model)
                {
                    Durations.Enqueue((value, Tag(tags, SemanticConventions.Outcome)!));
                }
            });
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (instrument.Name == BatchSize && Tag(tags, SemanticConventions.ModelName) == model)
                {
                    Batches.Enqueue(value);
                }
            });
            _listener.Start();
        }

        public ConcurrentQueue<(double Value, string Outcome)> Durations { get; } = new();

        public ConcurrentQueue<long> Batches { get; } = new();

        public void Collect() => _listener.RecordObservableInstruments();

        public void Dispose() => _listener.Dispose();

        private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == key)
                {
                    return tag.Value as string;
                }
            }

            return null;
        }
    }
}
