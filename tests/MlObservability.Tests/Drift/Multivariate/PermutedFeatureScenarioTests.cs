using MlObservability.Alerts;
using MlObservability.Drift;
using MlObservability.Drift.Multivariate;

namespace MlObservability.Tests.Drift.Multivariate;

/// <summary>
/// A shift only the multivariate detector sees, on real data: the serving half of scikit-learn's breast cancer data with
/// mean_radius permuted across rows (TestData/Drift/breast_cancer_permuted.csv). Every marginal is unchanged, so KS and
/// PSI on every feature stay at or below info; the link between radius, perimeter and area is broken, so the mean
/// reconstruction error leaves the reference band, and the standard drift alert rule handles the event.
/// </summary>
public sealed class PermutedFeatureScenarioTests
{
    private static (ReferenceProfile Profile, string[] Names) Profile()
    {
        var (names, reference) = DetectorTestData.Csv("breast_cancer_reference.csv", 6);
        var profile = ReferenceProfile.FromCsv(DetectorTestData.PathOf("breast_cancer_reference.csv"), columns: names)
            .WithReconstruction(ReconstructionDriftProfile.Fit(names, reference));
        return (profile, names);
    }

    [Test]
    public void Univariate_tests_stay_quiet_and_the_reconstruction_detector_fires()
    {
        var (profile, names) = Profile();
        var (_, permuted) = DetectorTestData.Csv("breast_cancer_permuted.csv", 6);
        var sink = new CollectingEventSink();
        using var monitor = DriftMonitor.Create("bc-permuted", "1", profile, new DriftMonitorOptions { WindowSize = permuted.Count, EvaluateOnWindowCompletion = false }, sink);
        using var detector = new ReconstructionDriftDetector("bc-permuted", "1", profile.Reconstruction!, new ReconstructionDriftDetectorOptions { WindowSize = permuted.Count }, sink);
        foreach (var row in permuted)
        {
            monitor.RecordFeatures(row);
            Assert.That(detector.Record(row), Is.True);
        }

        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        detector.Evaluate(DateTimeOffset.UnixEpoch);
        using var expected = DetectorTestData.Json("reconstruction_expected.json");
        var result = detector.LatestResult!;
        Assert.Multiple(() =>
        {
            Assert.That(monitor.LatestResults, Has.Count.EqualTo(names.Length * 2));
            Assert.That(monitor.LatestResults.Select(r => r.Severity), Has.All.LessThanOrEqualTo(Severity.Info), "KS and PSI see nothing");
            Assert.That(result.MeanError, Is.EqualTo(expected.RootElement.GetProperty("breastCancer").GetProperty("permutedWindowMeanError").GetDouble()).Within(1e-9));
            Assert.That(result.MeanError, Is.GreaterThan(result.UpperThreshold));
            Assert.That(result.Severity, Is.EqualTo(Severity.Warning));
            var e = sink.Events.Single(x => x.Kind == "drift.multivariate");
            Assert.That(e.Severity, Is.EqualTo(Severity.Warning));
            Assert.That(e.Labels["method"], Is.EqualTo("reconstruction"));
            Assert.That(e.Threshold, Is.EqualTo(result.UpperThreshold));
        });
    }

    [Test]
    public void The_unpermuted_serving_half_stays_within_the_band()
    {
        var (profile, _) = Profile();
        var (_, random) = DetectorTestData.Csv("breast_cancer_random.csv", 6);
        var sink = new CollectingEventSink();
        using var detector = new ReconstructionDriftDetector("bc-random", "1", profile.Reconstruction!, new ReconstructionDriftDetectorOptions { WindowSize = random.Count }, sink);
        foreach (var row in random)
        {
            detector.Record(row);
        }

        detector.Evaluate(DateTimeOffset.UnixEpoch);
        using var expected = DetectorTestData.Json("reconstruction_expected.json");
        Assert.Multiple(() =>
        {
            Assert.That(detector.LatestResult!.MeanError, Is.EqualTo(expected.RootElement.GetProperty("breastCancer").GetProperty("randomWindowMeanError").GetDouble()).Within(1e-9));
            Assert.That(detector.LatestResult.Severity, Is.EqualTo(Severity.None));
            Assert.That(sink.Events.Single().Severity, Is.EqualTo(Severity.None), "a clear event is raised too");
        });
    }

    [Test]
    public void The_standard_drift_rule_fires_on_the_multivariate_event()
    {
        var (profile, _) = Profile();
        var (_, permuted) = DetectorTestData.Csv("breast_cancer_permuted.csv", 6);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var thresholds = new AlertThresholds { DriftWarningFor = TimeSpan.Zero };
        using var engine = new AlertEngine(StandardAlertRules.For("bc-alert", [], thresholds: thresholds));
        using var detector = new ReconstructionDriftDetector("bc-alert", "1", profile.Reconstruction!, new ReconstructionDriftDetectorOptions { WindowSize = permuted.Count }, engine);
        foreach (var row in permuted)
        {
            detector.Record(row);
        }

        detector.Evaluate(start);
        var alerts = engine.EvaluateRules(start).SelectMany(n => n.Alerts).ToList();
        Assert.That(alerts.Select(a => (a.Name, a.Severity)), Does.Contain((StandardAlertRules.Drift, Severity.Warning)));
    }

    [Test]
    public void Missing_values_are_imputed_and_counted_and_bad_rows_are_counted()
    {
        var (profile, _) = Profile();
        var (_, random) = DetectorTestData.Csv("breast_cancer_random.csv", 6);
        using var detector = new ReconstructionDriftDetector("bc-missing", "1", profile.Reconstruction!, new ReconstructionDriftDetectorOptions { WindowSize = 10 });
        for (var i = 0; i < 12; i++)
        {
            var row = (double[])random[i].Clone();
            row[i % 6] = double.NaN;
            detector.Record(row);
        }

        Assert.That(detector.Record(new double[5]), Is.False);
        detector.Evaluate(DateTimeOffset.UnixEpoch);
        Assert.Multiple(() =>
        {
            Assert.That(detector.LatestResult!.Rows, Is.EqualTo(10));
            Assert.That(detector.LatestResult.ImputedValues, Is.EqualTo(10));
            Assert.That(detector.ImputedValues, Is.EqualTo(10));
            Assert.That(detector.SkippedRows, Is.EqualTo(2));
            Assert.That(detector.WrongLengthRows, Is.EqualTo(1));
        });
    }

    [Test]
    public void The_reconstruction_baseline_survives_a_json_round_trip()
    {
        var (profile, _) = Profile();
        profile = profile.WithFeatureImportances(new Dictionary<string, double> { ["mean_radius"] = 0.5, ["mean_texture"] = 0.1 });
        var loaded = ReferenceProfile.FromJson(profile.ToJson());
        var (_, random) = DetectorTestData.Csv("breast_cancer_random.csv", 6);
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Reconstruction!.UpperThreshold, Is.EqualTo(profile.Reconstruction!.UpperThreshold));
            Assert.That(loaded.Reconstruction.ComponentCount, Is.EqualTo(profile.Reconstruction.ComponentCount));
            Assert.That(loaded.Reconstruction.ReconstructionError(random[0]), Is.EqualTo(profile.Reconstruction.ReconstructionError(random[0])));
            Assert.That(loaded.FeatureImportances, Is.EquivalentTo(profile.FeatureImportances));
            Assert.That(loaded.Features.Select(f => f.Name), Is.EqualTo(profile.Features.Select(f => f.Name)));
        });
    }

    [Test]
    public void ThresholdStandardDeviations_redraws_the_band_from_the_stored_chunk_statistics()
    {
        var (profile, _) = Profile();
        var baseline = profile.Reconstruction!;
        using var wide = new ReconstructionDriftDetector("bc-band", "1", baseline, new ReconstructionDriftDetectorOptions { ThresholdStandardDeviations = 10 });
        using var stored = new ReconstructionDriftDetector("bc-band-stored", "1", baseline);
        Assert.Multiple(() =>
        {
            Assert.That(stored.UpperThreshold, Is.EqualTo(baseline.UpperThreshold));
            Assert.That(stored.LowerThreshold, Is.EqualTo(baseline.LowerThreshold));
            Assert.That(wide.UpperThreshold, Is.EqualTo(baseline.ReferenceChunkMean + (10 * baseline.ReferenceChunkStandardDeviation)).Within(1e-12));
            Assert.That(wide.LowerThreshold, Is.EqualTo(Math.Max(0, baseline.ReferenceChunkMean - (10 * baseline.ReferenceChunkStandardDeviation))).Within(1e-12));
            Assert.That(() => new ReconstructionDriftDetector("bc-band-bad", "1", baseline, new ReconstructionDriftDetectorOptions { ThresholdStandardDeviations = 0 }),
                Throws.ArgumentException.With.Message.Contains("ThresholdStandardDeviations must be a positive number"));
        });
    }
}
