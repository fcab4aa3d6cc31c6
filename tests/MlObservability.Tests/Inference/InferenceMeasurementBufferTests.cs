using System.Collections.Concurrent;
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
        using var recorder = new MetricRecorder("buffer-threads");

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

        var durations = recorder.Of(Duration).OrderBy(d => d.Value).ToList();
        var batches = recorder.Of(BatchSize).Select(b => (long)b.Value).ToList();
        var wanted = expected.OrderBy(e => e.Duration).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(durations, Has.Count.EqualTo(threads * Calls));
            Assert.That(durations.Select(d => d.Value), Is.EqualTo(wanted.Select(e => e.Duration)), "exact values, each once");
            Assert.That(durations.Select(d => d.Tags[SemanticConventions.Outcome]), Is.EqualTo(wanted.Select(e => e.Outcome)), "each with its outcome");
            Assert.That(batches.Sum(), Is.EqualTo(wanted.Sum(e => e.Batch)));
            Assert.That(batches, Has.Count.EqualTo(threads * Calls));
            Assert.That(metrics.HistogramBuffer.Pending, Is.Zero);
        });
    }

    [Test]
    public void Each_full_block_is_handed_over_by_its_thread_without_a_collection()
    {
        using var metrics = new InferenceMetrics("buffer-full", "1", "/a");
        using var recorder = new MetricRecorder("buffer-full");
        long seenBeforeCollection = 0;
        var worker = new Thread(() =>
        {
            for (var i = 0; i < (3 * InferenceMeasurementBuffer.Capacity) + 5; i++)
            {
                metrics.RecordSuccess(metrics.Start());
            }

            seenBeforeCollection = recorder.Measurements.Count(m => m.Instrument == Duration); // read without a collection
        });
        worker.Start();
        worker.Join();

        Assert.That(seenBeforeCollection, Is.EqualTo(3 * InferenceMeasurementBuffer.Capacity), "three blocks, each handed over when it filled");
        Assert.That(metrics.HistogramBuffer.Pending, Is.EqualTo(5));
        Assert.Multiple(() =>
        {
            Assert.That(recorder.Count(Duration), Is.EqualTo((3 * InferenceMeasurementBuffer.Capacity) + 5), "a collection hands over the rest");
            Assert.That(metrics.HistogramBuffer.Pending, Is.Zero);
        });
    }

    [Test]
    public void Disposing_the_endpoint_hands_over_what_its_buffers_hold_and_huge_batches_go_at_once()
    {
        var metrics = new InferenceMetrics("buffer-dispose", "1", "/a");
        using var recorder = new MetricRecorder("buffer-dispose");
        metrics.Record(0.25, InferenceOutcome.Success, null, 3);
        metrics.Record(0.5, InferenceOutcome.Success, null, InferenceMeasurementBuffer.MaxBufferedBatchSize + 1);

        // Read without a collection (which would hand the buffered call over): only the huge batch arrived at once.
        double[] Raw(string instrument) => [.. recorder.Measurements.Where(m => m.Instrument == instrument).Select(m => m.Value)];
        Assert.Multiple(() =>
        {
            Assert.That(Raw(Duration), Is.EqualTo(new[] { 0.5 }), "a batch size too large for a buffer is recorded at once");
            Assert.That(Raw(BatchSize), Is.EqualTo(new double[] { InferenceMeasurementBuffer.MaxBufferedBatchSize + 1 }));
        });

        metrics.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(Raw(Duration), Is.EquivalentTo(new[] { 0.5, 0.25 }));
            Assert.That(Raw(BatchSize), Is.EquivalentTo(new double[] { InferenceMeasurementBuffer.MaxBufferedBatchSize + 1, 3 }));
        });
    }

    private static string Name(InferenceOutcome outcome) => outcome switch
    {
        InferenceOutcome.Success => "success",
        InferenceOutcome.Error => "error",
        _ => "cancelled",
    };
}
