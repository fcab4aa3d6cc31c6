using Microsoft.Extensions.Time.Testing;
using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

public sealed class PendingStoreAbstractionTests
{
    private static QualityMonitorOptions Options(FakeTimeProvider time, IPendingPredictionStoreFactory? store = null) => new()
    {
        ClassLabels = ["ham", "spam"],
        Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
        PendingTimeToLive = TimeSpan.FromHours(1),
        PendingStore = store,
        TimeProvider = time,
    };

    [Test]
    public void Without_a_store_factory_the_in_process_store_is_used()
    {
        using var monitor = new QualityMonitor("m", "1", Options(new FakeTimeProvider()));
        Assert.That(monitor.PendingStore, Is.InstanceOf<PendingPredictionStore>());
    }

    [Test]
    public async Task A_batch_of_labels_gets_one_outcome_each_in_order_and_counts_like_single_labels()
    {
        var time = new FakeTimeProvider();
        using var monitor = new QualityMonitor("m", "1", Options(time));
        monitor.RecordClassification("spam", 0.9, "a");
        monitor.RecordClassification("ham", 0.8, "b");
        monitor.RecordRegression(2.0, "c");
        var outcomes = await monitor.RecordGroundTruthBatchAsync(
        [
            GroundTruthLabel.ForClass("a", "spam"),
            GroundTruthLabel.ForClass("a", "ham"),
            GroundTruthLabel.ForClass("b", 0),
            GroundTruthLabel.ForClass("nobody", "ham"),
            GroundTruthLabel.ForClass("", "ham"),
            GroundTruthLabel.ForClass("x", -1),
            GroundTruthLabel.ForValue("c", double.NaN),
            GroundTruthLabel.ForValue("c", 2.5),
        ]);
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Is.EqualTo(new[]
            {
                GroundTruthOutcome.Joined, GroundTruthOutcome.Duplicate, GroundTruthOutcome.Joined, GroundTruthOutcome.UnknownId,
                GroundTruthOutcome.Invalid, GroundTruthOutcome.Invalid, GroundTruthOutcome.Invalid, GroundTruthOutcome.Joined,
            }));
            Assert.That(monitor.LabelCount(GroundTruthOutcome.Joined), Is.EqualTo(3));
            Assert.That(monitor.LabelCount(GroundTruthOutcome.Invalid), Is.EqualTo(3));
        });
    }

    [Test]
    public void A_custom_store_receives_names_and_a_prediction_read_back_by_name_joins_on_this_monitors_indexes()
    {
        var time = new FakeTimeProvider();
        var store = new RecordingStore();
        using var monitor = new QualityMonitor("m", "7", Options(time, store));
        monitor.RecordClassification("spam", 0.9, "a", "eu");
        var kept = store.Added.Single();
        Assert.Multiple(() =>
        {
            Assert.That(kept.PredictedLabel, Is.EqualTo("spam"));
            Assert.That(kept.Segment, Is.EqualTo("eu"));
            Assert.That(kept.ModelVersion, Is.EqualTo("7"));
        });

        // As another replica would read it back: by name only, index unknown here.
        store.Next = new PendingPrediction("z", PredictionKind.Classification, "spam", 99, 0.9, double.NaN, "us", time.GetUtcNow(), "7");
        Assert.That(monitor.RecordGroundTruth("z", "spam"), Is.EqualTo(GroundTruthOutcome.Joined));
        monitor.Evaluate(time.GetUtcNow());
        Assert.Multiple(() =>
        {
            Assert.That(monitor.LatestReport.Classification.Accuracy, Is.EqualTo(1.0));
            Assert.That(monitor.LatestReport.Segments.Keys, Does.Contain("us"));
        });
    }

    [Test]
    public void A_store_that_throws_on_a_label_never_throws_into_the_caller()
    {
        var store = new RecordingStore { Throw = true };
        using var monitor = new QualityMonitor("m", "1", Options(new FakeTimeProvider(), store));
        Assert.That(monitor.RecordGroundTruth("a", "spam"), Is.EqualTo(GroundTruthOutcome.UnknownId));
    }

    private sealed class RecordingStore : IPendingPredictionStoreFactory, IPendingPredictionStore
    {
        public List<PendingPrediction> Added { get; } = [];

        public PendingPrediction? Next { get; set; }

        public bool Throw { get; set; }

        public TimeSpan TimeToLive => TimeSpan.FromHours(1);

        public int Count => Added.Count;

        public long Bytes => 0;

        public long ExpiredCount => 0;

        public long EvictedCount => 0;

        public long EvictedForBytesCount => 0;

        public IPendingPredictionStore Create(string modelName, string modelVersion, QualityMonitorOptions options) => this;

        public bool TryAdd(PendingPrediction prediction)
        {
            Added.Add(prediction);
            return true;
        }

        public GroundTruthOutcome TryTake(string requestId, DateTimeOffset now, out PendingPrediction? prediction)
        {
            if (Throw)
            {
                throw new InvalidOperationException("store down");
            }

            prediction = Next;
            return prediction is null ? GroundTruthOutcome.UnknownId : GroundTruthOutcome.Joined;
        }

        public ValueTask TakeManyAsync(IReadOnlyList<string> requestIds, DateTimeOffset now, GroundTruthOutcome[] outcomes, PendingPrediction?[] predictions, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public int Sweep(DateTimeOffset now) => 0;
    }
}
