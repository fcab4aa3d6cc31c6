using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

/// <summary>The fleet quality counters of a real <see cref="QualityMonitor"/>: what is counted where, what is counted
/// under a reason, what a label that does not join leaves untouched, and exact counts under concurrent joins.</summary>
public sealed class FleetQualityCountersTests
{
    [Test]
    public void Pairs_past_the_confusion_cap_count_under_a_reason_and_still_in_the_per_class_counters()
    {
        string[] labels = [.. Enumerable.Range(0, 12).Select(i => "c" + i)];
        using var monitor = FleetQualityScikitLearnTests.Monitor("fleet-q-cap", labels);
        Record(monitor, "a", predicted: 11, confidence: 0.9, truth: "c11");
        Record(monitor, "b", predicted: 3, confidence: 0.8, truth: "c10");
        Record(monitor, "c", predicted: 2, confidence: 0.7, truth: "c2");
        var s = monitor.FleetQualitySnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(s.Dropped[FleetQualityCounters.DropConfusionClasses], Is.EqualTo(2));
            Assert.That(s.Confusion[2, 2], Is.EqualTo(1));
            Assert.That(s.Confusion.Cast<long>().Sum(), Is.EqualTo(1));
            Assert.That(s.TrueCounts[11] + s.TrueCounts[10] + s.TrueCounts[2], Is.EqualTo(3));
            Assert.That(s.CorrectCounts[11], Is.EqualTo(1));
            Assert.That(s.PredictedCounts[3], Is.EqualTo(1));
            Assert.That(monitor.FleetQualityFigures().Accuracy, Is.EqualTo(2.0 / 3));
        });
    }

    [Test]
    public void A_prediction_without_confidence_counts_in_accuracy_but_not_in_calibration_or_the_score_bins()
    {
        using var monitor = FleetQualityScikitLearnTests.Monitor("fleet-q-noconf", ["no", "yes"]);
        Record(monitor, "a", predicted: 1, confidence: double.NaN, truth: "yes");
        Record(monitor, "b", predicted: 1, confidence: 0.8, truth: "no");
        var s = monitor.FleetQualitySnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(s.Classifications, Is.EqualTo(2));
            Assert.That(s.Dropped[FleetQualityCounters.DropNoConfidence], Is.EqualTo(1));
            Assert.That(s.Dropped[FleetQualityCounters.DropNoScore], Is.EqualTo(1));
            Assert.That(s.CalibrationCounts.Sum(), Is.EqualTo(1));
            Assert.That(s.CalibrationConfidence[8], Is.EqualTo(0.8));
            Assert.That(s.NegativeScores[FleetQualityCounters.ScoreBin(0.8)], Is.EqualTo(1), "P(class 1) = 0.8 for a true 'no'");
            Assert.That(s.PositiveScores.Sum(), Is.Zero);
            Assert.That(monitor.FleetQualityFigures().Accuracy, Is.EqualTo(0.5));
        });
    }

    [Test]
    public void Labels_that_do_not_join_count_nothing()
    {
        using var monitor = FleetQualityScikitLearnTests.Monitor("fleet-q-nojoin", ["no", "yes"]);
        Record(monitor, "a", predicted: 1, confidence: 0.9, truth: "yes");
        Assert.Multiple(() =>
        {
            Assert.That(monitor.RecordGroundTruth("a", "yes"), Is.Not.EqualTo(GroundTruthOutcome.Joined), "duplicate");
            Assert.That(monitor.RecordGroundTruth("zzz", "yes"), Is.EqualTo(GroundTruthOutcome.UnknownId));
            Assert.That(monitor.RecordGroundTruth("a", "maybe"), Is.EqualTo(GroundTruthOutcome.Invalid));
            Assert.That(monitor.FleetQualitySnapshot().Classifications, Is.EqualTo(1));
            Assert.That(monitor.FleetQualitySnapshot().TrueCounts.Sum(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Binned_auc_of_separated_tied_and_reversed_scores()
    {
        double[] none = new double[FleetQualityCounters.ScoreBins];
        double[] Bins(params (int Bin, double Count)[] cells)
        {
            var b = (double[])none.Clone();
            foreach (var (bin, count) in cells)
            {
                b[bin] = count;
            }

            return b;
        }

        Assert.Multiple(() =>
        {
            Assert.That(FleetQualityStatistics.RocAuc(Bins((2, 5)), Bins((15, 3))), Is.EqualTo(1.0));
            Assert.That(FleetQualityStatistics.RocAucBinningBound(Bins((2, 5)), Bins((15, 3))), Is.Zero);
            Assert.That(FleetQualityStatistics.RocAuc(Bins((15, 5)), Bins((2, 3))), Is.Zero);
            Assert.That(FleetQualityStatistics.RocAuc(Bins((7, 4)), Bins((7, 6))), Is.EqualTo(0.5), "ties counted half");
            Assert.That(FleetQualityStatistics.RocAucBinningBound(Bins((7, 4)), Bins((7, 6))), Is.EqualTo(0.5));
            // negatives at bins 1 and 3, positives at 3 and 5: pairs (1,3) (1,5) (3,5) win, (3,3) half -> 3.5 / 4
            Assert.That(FleetQualityStatistics.RocAuc(Bins((1, 1), (3, 1)), Bins((3, 1), (5, 1))), Is.EqualTo(0.875));
            Assert.That(FleetQualityStatistics.RocAuc(Bins((1, 1)), none), Is.NaN);
        });
    }

    [Test]
    public void Concurrent_joins_lose_no_count() => ConcurrentRun(4, 2_000);

    internal static void ConcurrentRun(int threads, int perThread)
    {
        using var monitor = new QualityMonitor("fleet-q-concurrent", "1", new QualityMonitorOptions
        {
            ClassLabels = ["no", "yes"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
            PendingCapacity = threads * perThread,
        });
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < perThread; i++)
            {
                string id = $"{t}-{i}";
                monitor.RecordClassification(i % 2, 0.75, id);
                monitor.RecordGroundTruth(id, i % 3 == 0 ? "yes" : "no");
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        long total = (long)threads * perThread;
        long correctPerThread = Enumerable.Range(0, perThread).Count(i => (i % 2 == 1) == (i % 3 == 0));
        var s = monitor.FleetQualitySnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(s.Classifications, Is.EqualTo(total));
            Assert.That(s.TrueCounts.Sum(), Is.EqualTo(total));
            Assert.That(s.CorrectCounts.Sum(), Is.EqualTo(correctPerThread * threads));
            Assert.That(s.CalibrationCounts[7], Is.EqualTo(total));
            Assert.That(s.CalibrationConfidence[7], Is.EqualTo(0.75 * total), "0.75 is exact in binary, so every sum is exact");
            Assert.That(s.NegativeScores.Sum() + s.PositiveScores.Sum(), Is.EqualTo(total));
        });
    }

    private static void Record(QualityMonitor monitor, string id, int predicted, double confidence, string truth)
    {
        monitor.RecordClassification(predicted, confidence, id);
        Assert.That(monitor.RecordGroundTruth(id, truth), Is.EqualTo(GroundTruthOutcome.Joined), id);
    }
}
