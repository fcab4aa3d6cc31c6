using Microsoft.Extensions.Time.Testing;
using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

public sealed class QualityMonitorGroundTruthTests
{
    private static QualityMonitorOptions SampleEverything(FakeTimeProvider time) => new()
    {
        ClassLabels = ["ham", "spam"],
        Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
        PendingTimeToLive = TimeSpan.FromHours(1),
        TimeProvider = time,
    };

    [Test]
    public void Bad_input_is_counted_never_thrown()
    {
        var time = new FakeTimeProvider();
        using var monitor = new QualityMonitor("spam-filter", "1", SampleEverything(time));
        monitor.RecordClassification(-1, 0.9, "r0");
        monitor.RecordClassification(0, double.PositiveInfinity, "r1"); // NaN is not bad input: it means "no confidence"
        monitor.RecordClassification(0, 1.5, "r2");
        monitor.RecordClassification(null!, 0.9, "r3");
        monitor.RecordRegression(double.PositiveInfinity, "r4");
        monitor.RecordClassification("spam", 0.9, "ok");
        Assert.Multiple(() =>
        {
            Assert.That(monitor.InvalidPredictionCount, Is.EqualTo(5));
            Assert.That(monitor.PredictionCount, Is.EqualTo(1));
            Assert.That(monitor.RecordGroundTruth(null!, "spam"), Is.EqualTo(GroundTruthOutcome.Invalid));
            Assert.That(monitor.RecordGroundTruth("ok", (string)null!), Is.EqualTo(GroundTruthOutcome.Invalid));
            Assert.That(monitor.RecordGroundTruth("ok", -3), Is.EqualTo(GroundTruthOutcome.Invalid));
            Assert.That(monitor.RecordGroundTruth("ok", double.NaN), Is.EqualTo(GroundTruthOutcome.Invalid));
            Assert.That(monitor.RecordGroundTruth("nobody", "spam"), Is.EqualTo(GroundTruthOutcome.UnknownId));
            Assert.That(monitor.RecordGroundTruth("ok", "spam"), Is.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(monitor.RecordGroundTruth("ok", "ham"), Is.EqualTo(GroundTruthOutcome.Duplicate));
            Assert.That(monitor.LabelCount(GroundTruthOutcome.Invalid), Is.EqualTo(4));
            Assert.That(monitor.LabelCount(GroundTruthOutcome.UnknownId), Is.EqualTo(1));
            Assert.That(monitor.LabelCount(GroundTruthOutcome.Joined), Is.EqualTo(1));
            Assert.That(monitor.LabelCount(GroundTruthOutcome.Duplicate), Is.EqualTo(1));
            Assert.That(monitor.EvaluateNow().Classification.Accuracy, Is.EqualTo(1.0), "the duplicate did not overwrite the first label");
        });
    }

    [Test]
    public void A_label_after_the_time_to_live_is_expired_and_sweeps_empty_the_store()
    {
        var time = new FakeTimeProvider();
        using var monitor = new QualityMonitor("spam-filter", "1", SampleEverything(time));
        monitor.RecordClassification(1, 0.8, "early");
        time.Advance(TimeSpan.FromMinutes(30));
        monitor.RecordClassification(1, 0.8, "later");
        time.Advance(TimeSpan.FromMinutes(31));
        Assert.That(monitor.RecordGroundTruth("early", 1), Is.EqualTo(GroundTruthOutcome.Expired));
        Assert.That(monitor.PendingCount, Is.EqualTo(1));
        time.Advance(TimeSpan.FromMinutes(30));
        monitor.EvaluateNow();
        Assert.Multiple(() =>
        {
            Assert.That(monitor.PendingCount, Is.Zero);
            Assert.That(monitor.ExpiredPredictionCount, Is.EqualTo(2));
            Assert.That(monitor.RecordGroundTruth("later", 1), Is.EqualTo(GroundTruthOutcome.Expired));
            Assert.That(monitor.LabelCount(GroundTruthOutcome.Expired), Is.EqualTo(2));
        });
    }

    [Test]
    public void Capacity_eviction_keeps_the_newest_pending_predictions()
    {
        var time = new FakeTimeProvider();
        using var monitor = new QualityMonitor("spam-filter", "1", SampleEverything(time) with { PendingCapacity = 50 });
        for (int i = 0; i < 200; i++)
        {
            monitor.RecordClassification(i % 2, 0.9, $"r{i}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(monitor.PendingCount, Is.EqualTo(50));
            Assert.That(monitor.EvictedPredictionCount, Is.EqualTo(150));
            Assert.That(monitor.RecordGroundTruth("r120", 0), Is.EqualTo(GroundTruthOutcome.Expired), "recently evicted");
            Assert.That(monitor.RecordGroundTruth("r10", 0), Is.EqualTo(GroundTruthOutcome.UnknownId), "forgotten: the memory of evicted ids holds PendingCapacity ids");
            Assert.That(monitor.RecordGroundTruth("r199", 1), Is.EqualTo(GroundTruthOutcome.Joined));
        });
    }

    [Test]
    public void A_classification_label_for_a_regression_prediction_is_invalid()
    {
        var time = new FakeTimeProvider();
        using var monitor = new QualityMonitor("price", "1", SampleEverything(time));
        monitor.RecordRegression(12.5, "r1");
        monitor.RecordRegression(10, "r2");
        Assert.That(monitor.RecordGroundTruth("r1", "spam"), Is.EqualTo(GroundTruthOutcome.Invalid));
        Assert.That(monitor.RecordGroundTruth("r2", 11.0), Is.EqualTo(GroundTruthOutcome.Joined));
        var report = monitor.EvaluateNow();
        Assert.That(report.Regression.MeanAbsoluteError, Is.EqualTo(1.0));
    }

    [Test]
    public void Labels_and_predictions_from_many_threads_are_neither_lost_nor_double_counted()
    {
        var time = new FakeTimeProvider();
        const int Threads = 8, PerThread = 5_000;
        using var monitor = new QualityMonitor("spam-filter", "1", SampleEverything(time) with { LabelRetention = 100_000, RollingWindowSize = 100_000, PendingCapacity = 100_000 });
        var ids = Enumerable.Range(0, Threads).Select(t => Enumerable.Range(0, PerThread).Select(i => $"t{t}-{i}").ToArray()).ToArray();

        // Producers record; labellers chase them (a label may come before its prediction: that is an unknown id, retried).
        var producers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                monitor.RecordClassification(i % 2, 0.5 + ((i % 50) / 100.0), ids[t][i]);
            }
        })).ToArray();
        long joined = 0, duplicates = 0;
        var labellers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                int truth = i % 4 == 0 ? 1 - (i % 2) : i % 2; // a quarter wrong
                GroundTruthOutcome outcome;
                while ((outcome = monitor.RecordGroundTruth(ids[t][i], truth)) == GroundTruthOutcome.UnknownId)
                {
                    Thread.Yield();
                }

                Interlocked.Increment(ref joined);
                if (monitor.RecordGroundTruth(ids[t][i], truth) == GroundTruthOutcome.Duplicate)
                {
                    Interlocked.Increment(ref duplicates);
                }
            }
        })).ToArray();
        Task.WaitAll([.. producers, .. labellers]);

        var report = monitor.EvaluateNow();
        Assert.Multiple(() =>
        {
            Assert.That(monitor.PredictionCount, Is.EqualTo(Threads * PerThread));
            Assert.That(monitor.PredictionCountOf("ham") + monitor.PredictionCountOf("spam"), Is.EqualTo(Threads * PerThread));
            Assert.That(monitor.SampledCount, Is.EqualTo(Threads * PerThread));
            Assert.That(monitor.LabelCount(GroundTruthOutcome.Joined), Is.EqualTo(Threads * PerThread));
            Assert.That(duplicates, Is.EqualTo(Threads * PerThread));
            Assert.That(monitor.PendingCount, Is.Zero);
            Assert.That(report.Classification.Count, Is.EqualTo(Threads * PerThread));
            Assert.That(report.Classification.Accuracy, Is.EqualTo(0.75));
        });
    }
}

public sealed class QualityMonitorWindowTests
{
    [Test]
    public void Time_window_metrics_cover_recent_predictions_and_last_n_the_newest_labels()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var monitor = new QualityMonitor("m", "1", new QualityMonitorOptions
        {
            ClassLabels = ["a", "b"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
            RollingWindowSize = 50,
            LabelRetention = 1_000,
            MetricsTimeWindow = TimeSpan.FromHours(1),
            PendingTimeToLive = TimeSpan.FromDays(1),
            TimeProvider = time,
        });
        for (int i = 0; i < 100; i++)
        {
            monitor.RecordClassification(0, 0.9, $"old-{i}");
            monitor.RecordGroundTruth($"old-{i}", 1); // all wrong, two hours ago
        }

        time.Advance(TimeSpan.FromHours(2));
        for (int i = 0; i < 40; i++)
        {
            monitor.RecordClassification(0, 0.9, $"new-{i}");
            monitor.RecordGroundTruth($"new-{i}", 0); // all right
        }

        var report = monitor.EvaluateNow();
        Assert.Multiple(() =>
        {
            Assert.That(report.Classification.Count, Is.EqualTo(50));
            Assert.That(report.Classification.Accuracy, Is.EqualTo(0.8), "40 right of the last 50");
            Assert.That(report.ClassificationTimeWindow.Count, Is.EqualTo(40));
            Assert.That(report.ClassificationTimeWindow.Accuracy, Is.EqualTo(1.0));
            Assert.That(report.Classification.ConfusionMatrix[0], Is.EqualTo(new long[] { 40, 0 }));
            Assert.That(report.Classification.ConfusionMatrix[1], Is.EqualTo(new long[] { 10, 0 }));
        });
    }
}
