using Microsoft.Extensions.Time.Testing;
using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

public sealed class DecayDetectionTests
{
    private static QualityMonitor Create(RecordingEventSink sink, FakeTimeProvider time, QualityBaseline baseline, int calibration = 0) =>
        new("churn", "3", new QualityMonitorOptions
        {
            ClassLabels = ["stay", "churn"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
            Baseline = baseline,
            RollingWindowSize = 300,
            CalibrationReferenceSize = calibration,
            TimeProvider = time,
        }, sink);

    /// <summary>Feeds n labelled predictions of which exactly <paramref name="correct"/> are right, spread evenly.</summary>
    private static void Feed(QualityMonitor monitor, string prefix, int n, int correct, double confidence = 0.9, string? segment = null)
    {
        for (int i = 0; i < n; i++)
        {
            string id = $"{prefix}-{i}";
            int predicted = i % 2;
            monitor.RecordClassification(predicted, confidence, id, segment);
            bool right = (long)(i + 1) * correct / n > (long)i * correct / n;
            monitor.RecordGroundTruth(id, right ? predicted : 1 - predicted);
        }
    }

    [Test]
    public void A_degraded_stream_raises_a_critical_accuracy_event_with_a_significant_p_value()
    {
        var sink = new RecordingEventSink();
        var time = new FakeTimeProvider();
        using var monitor = Create(sink, time, new QualityBaseline { Accuracy = 0.9 });
        Feed(monitor, "bad", 300, 210); // 70 % against 90 %
        monitor.Evaluate(time.GetUtcNow());

        var finding = monitor.LatestReport.Findings.Single(f => f.Metric == "accuracy");
        var e = sink.Drain().Single(x => x.Labels["metric"] == "accuracy");
        Assert.Multiple(() =>
        {
            Assert.That(finding.Current, Is.EqualTo(0.7).Within(1e-12));
            Assert.That(finding.PValue, Is.EqualTo(6.428227178913983e-22).Within(1e-9).Percent, "scipy.stats.binom.cdf(210, 300, 0.9)");
            Assert.That(e.Kind, Is.EqualTo("quality.decay"));
            Assert.That(e.Severity, Is.EqualTo(Severity.Critical));
            Assert.That(e.ModelName, Is.EqualTo("churn"));
            Assert.That(e.ModelVersion, Is.EqualTo("3"));
            Assert.That(e.Value, Is.EqualTo(0.7).Within(1e-12));
            Assert.That(e.Threshold, Is.EqualTo(0.85).Within(1e-12));
            Assert.That(e.Labels.ContainsKey("segment"), Is.False);
            Assert.That(monitor.RealizedAccuracy, Is.EqualTo(0.7).Within(1e-12));
        });
    }

    [Test]
    public void A_healthy_stream_stays_quiet_but_still_publishes_none_so_alerts_resolve()
    {
        var sink = new RecordingEventSink();
        var time = new FakeTimeProvider();
        using var monitor = Create(sink, time, new QualityBaseline { Accuracy = 0.9, MacroF1 = 0.9, MacroPrecision = 0.9, MacroRecall = 0.9, RocAuc = 0.5 });
        Feed(monitor, "good", 300, 273); // 91 %
        monitor.Evaluate(time.GetUtcNow());
        var events = sink.Drain();
        Assert.That(events.Select(e => e.Labels["metric"]), Is.SupersetOf(new[] { "accuracy", "precision", "recall", "f1", "roc_auc", "accuracy_estimated" }));
        Assert.That(events.Select(e => e.Severity), Is.All.EqualTo(Severity.None));
    }

    [Test]
    public void A_drop_on_few_labels_is_info_until_it_is_significant()
    {
        var sink = new RecordingEventSink();
        var time = new FakeTimeProvider();
        using var monitor = Create(sink, time, new QualityBaseline { Accuracy = 0.9 });
        Feed(monitor, "few", 30, 25); // 83 %: past the 0.05 threshold, p = 0.175
        monitor.Evaluate(time.GetUtcNow());
        var finding = monitor.LatestReport.Findings.Single(f => f.Metric == "accuracy");
        Assert.That(finding.Severity, Is.EqualTo(Severity.Info));
        Assert.That(finding.PValue, Is.EqualTo(0.17549487903389488).Within(1e-9).Percent, "scipy.stats.binom.cdf(25, 30, 0.9)");

        Feed(monitor, "more", 270, 225); // 250 of 300 now: 83 %, significant
        monitor.Evaluate(time.GetUtcNow());
        Assert.That(monitor.LatestReport.Findings.Single(f => f.Metric == "accuracy").Severity, Is.EqualTo(Severity.Warning));
    }

    [Test]
    public void Too_few_labels_report_nothing()
    {
        var sink = new RecordingEventSink();
        var time = new FakeTimeProvider();
        using var monitor = Create(sink, time, new QualityBaseline { Accuracy = 0.9 });
        Feed(monitor, "tiny", 10, 0);
        monitor.Evaluate(time.GetUtcNow());
        Assert.That(sink.Drain().Where(e => e.Labels["metric"] == "accuracy").Select(e => e.Severity), Is.EqualTo(new[] { Severity.None }));
    }

    [Test]
    public void Only_the_degraded_segment_fires()
    {
        var sink = new RecordingEventSink();
        var time = new FakeTimeProvider();
        using var monitor = Create(sink, time, new QualityBaseline { Accuracy = 0.9 });
        Feed(monitor, "eu", 150, 138, segment: "eu");      // 92 %
        Feed(monitor, "apac", 150, 90, segment: "apac");   // 60 %
        monitor.Evaluate(time.GetUtcNow());
        var bySegment = sink.Drain().Where(e => e.Labels.ContainsKey("segment")).ToDictionary(e => e.Labels["segment"], e => e.Severity);
        Assert.That(bySegment, Is.EquivalentTo(new Dictionary<string, Severity> { ["eu"] = Severity.None, ["apac"] = Severity.Critical }));
        Assert.That(monitor.LatestReport.Segments["apac"].Accuracy, Is.EqualTo(0.6).Within(1e-12));
    }

    [Test]
    public void Regression_error_growth_is_reported_against_the_mae_baseline()
    {
        var sink = new RecordingEventSink();
        var time = new FakeTimeProvider();
        using var monitor = new QualityMonitor("price", null, new QualityMonitorOptions
        {
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
            Baseline = new QualityBaseline { MeanAbsoluteError = 2.0 },
            TimeProvider = time,
        }, sink);
        for (int i = 0; i < 100; i++)
        {
            monitor.RecordRegression(100, $"r{i}");
            monitor.RecordGroundTruth($"r{i}", i % 2 == 0 ? 103.0 : 97.0); // MAE 3: +50 %
        }

        monitor.Evaluate(time.GetUtcNow());
        var e = sink.Drain().Single();
        Assert.That(e.Labels["metric"], Is.EqualTo("mae"));
        Assert.That(e.Severity, Is.EqualTo(Severity.Critical));
        Assert.That(e.Threshold, Is.EqualTo(2.4).Within(1e-12));
    }

    [Test]
    public void The_label_free_estimate_drops_before_any_label_arrives()
    {
        var sink = new RecordingEventSink();
        var time = new FakeTimeProvider();
        using var monitor = Create(sink, time, new QualityBaseline { Accuracy = 0.82 }, calibration: 400);

        // Reference period: the model says 0.95 and is right 95 % of the time, says 0.65 and is right 65 %.
        Feed(monitor, "ref-hi", 200, 190, confidence: 0.95);
        Feed(monitor, "ref-lo", 200, 130, confidence: 0.65);
        time.Advance(TimeSpan.FromHours(2)); // the reference traffic leaves the recent window
        monitor.Evaluate(time.GetUtcNow());
        Assert.That(monitor.EstimatedAccuracy, Is.NaN, "no recent predictions");

        // Production: inputs shift so the model is unsure more often; no labels yet.
        for (int i = 0; i < 1000; i++)
        {
            monitor.RecordClassification(i % 2, i % 10 < 7 ? 0.65 : 0.95);
        }

        monitor.Evaluate(time.GetUtcNow());
        double expected = (0.7 * 0.65) + (0.3 * 0.95); // 0.74: calibrated bin accuracies weighted by the recent mix, 0.08 below baseline
        Assert.Multiple(() =>
        {
            Assert.That(monitor.EstimatedAccuracy, Is.EqualTo(expected).Within(1e-9));
            Assert.That(monitor.LowConfidenceShare, Is.EqualTo(0.7).Within(1e-12));
            Assert.That(monitor.LatestReport.Findings.Single(f => f.Metric == "accuracy_estimated").Severity, Is.EqualTo(Severity.Warning));
            Assert.That(sink.Drain().Last(e => e.Labels["metric"] == "accuracy_estimated").Severity, Is.EqualTo(Severity.Warning));
        });
    }

    [Test]
    public void Without_a_fitted_calibration_the_estimate_is_the_mean_confidence()
    {
        var time = new FakeTimeProvider();
        using var monitor = Create(new RecordingEventSink(), time, new QualityBaseline { Accuracy = 0.9 });
        monitor.RecordClassification(0, 0.9);
        monitor.RecordClassification(1, 0.6);
        monitor.RecordClassification(1, 0.75);
        monitor.Evaluate(time.GetUtcNow());
        Assert.That(monitor.EstimatedAccuracy, Is.EqualTo(0.75).Within(1e-6));
    }

    [Test]
    public void Invalid_baselines_fail_fast_with_a_message()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new AccuracyDecayDetector(new QualityBaseline { Accuracy = 1.2 }));
        Assert.That(ex!.Message, Does.Contain("Accuracy"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new AccuracyDecayDetector(new QualityBaseline { AccuracyDropThreshold = 0 }));
    }
}
